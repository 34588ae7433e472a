import JSON

/// What the graph reads from a ServiceAccount: the names in `secrets`.
public struct ServiceAccountReferences: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var secrets: [String]
    public init(namespace: String, name: String, secrets: [String]) {
        self.namespace = namespace
        self.name = name
        self.secrets = secrets
    }
    init(_ object: JSONValue) {
        self.init(namespace: object.metadataNamespace, name: object.metadataName,
                  secrets: object.array("secrets").map { $0.string("name") })
    }

    /// Add and delete only handle `gardenlet-bootstrap-` and `extension-shoot--` names
    /// (`eventhandler_serviceaccount.go`); updates do not filter.
    var hasHandledPrefix: Bool {
        name.hasPrefix("gardenlet-bootstrap-") || name.hasPrefix("extension-shoot--")
    }
}
