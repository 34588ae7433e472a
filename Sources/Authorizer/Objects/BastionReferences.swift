import JSON

/// What the graph reads from a Bastion (`operations.gardener.cloud`): its seed.
public struct BastionReferences: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var seedName: String?
    public init(namespace: String, name: String, seedName: String?) {
        self.namespace = namespace
        self.name = name
        self.seedName = seedName
    }
    init(_ object: JSONValue) {
        self.init(namespace: object.metadataNamespace, name: object.metadataName,
                  seedName: object.at("spec", "seedName")?.stringValue)
    }
}
