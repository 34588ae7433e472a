import JSON

/// What the graph reads from a Project: its namespace.
public struct ProjectReferences: Hashable, Sendable {
    public var name: String
    public var namespace: String?
    public init(name: String, namespace: String?) {
        self.name = name
        self.namespace = namespace
    }
    init(_ object: JSONValue) {
        self.init(name: object.metadataName, namespace: object.at("spec", "namespace")?.stringValue)
    }
}
