import JSON

/// What the graph reads from a CredentialsBinding (`security.gardener.cloud`): its credentials.
public struct CredentialsBindingReferences: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var credentials: TypedReference?
    public init(namespace: String, name: String, credentials: TypedReference?) {
        self.namespace = namespace
        self.name = name
        self.credentials = credentials
    }
    init(_ object: JSONValue) {
        self.init(namespace: object.metadataNamespace, name: object.metadataName,
                  credentials: TypedReference(object["credentialsRef"]))
    }

    /// Secret, InternalSecret or WorkloadIdentity by apiVersion + kind
    /// (`eventhandler_credentialsbinding.go`).
    var credentialsKind: VertexKind? {
        switch (credentials?.apiVersion, credentials?.kind) {
        case ("security.gardener.cloud/v1alpha1", "WorkloadIdentity"): return .workloadIdentity
        case ("core.gardener.cloud/v1beta1", "InternalSecret"): return .internalSecret
        case ("v1", "Secret"): return .secret
        default: return nil
        }
    }
}
