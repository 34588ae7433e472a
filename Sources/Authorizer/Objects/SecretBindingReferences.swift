import JSON

/// What the graph reads from a SecretBinding: its secret.
public struct SecretBindingReferences: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var secret: ObjectReference
    public init(namespace: String, name: String, secret: ObjectReference) {
        self.namespace = namespace
        self.name = name
        self.secret = secret
    }
    init(_ object: JSONValue) {
        let namespace = object.metadataNamespace
        // The API server defaults secretRef.namespace to the binding's namespace.
        let secretNamespace = object.optionalString("secretRef", "namespace") ?? namespace
        self.init(namespace: namespace, name: object.metadataName,
                  secret: ObjectReference(secretNamespace, object.string("secretRef", "name")))
    }
}
