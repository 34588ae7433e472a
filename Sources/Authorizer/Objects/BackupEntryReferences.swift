import JSON

/// What the graph reads from a BackupEntry.
public struct BackupEntryReferences: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var bucketName: String
    public var specSeedName: String?
    public var statusSeedName: String?
    /// The first owner reference of kind Shoot (`GetShootNameFromOwnerReferences`).
    public var ownerShoot: String?
    public init(namespace: String, name: String, bucketName: String, specSeedName: String? = nil,
                statusSeedName: String? = nil, ownerShoot: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.bucketName = bucketName
        self.specSeedName = specSeedName
        self.statusSeedName = statusSeedName
        self.ownerShoot = ownerShoot
    }
    init(_ object: JSONValue) {
        let owner = object.array("metadata", "ownerReferences").first { $0.string("kind") == "Shoot" }
        self.init(namespace: object.metadataNamespace, name: object.metadataName,
                  bucketName: object.string("spec", "bucketName"),
                  specSeedName: object.at("spec", "seedName")?.stringValue,
                  statusSeedName: object.at("status", "seedName")?.stringValue,
                  ownerShoot: owner.map { $0.string("name") }.flatMap { $0.isEmpty ? nil : $0 })
    }
}
