import JSON

/// What the graph reads from a Gardenlet (`seedmanagement.gardener.cloud`).
public struct GardenletReferences: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var configDecodes: Bool
    public var seedBackupCredentials: TypedReference?
    public var caBundleSecretName: String?
    public var pullSecretName: String?
    public var renewKubeconfig: Bool
    /// The Seed exists and its client certificate has expired or renew-kubeconfig is set. Resolved
    /// against the state; unlike a ManagedSeed, a missing Seed does not count.
    public var allowBootstrap: Bool

    public init(namespace: String = "garden", name: String, configDecodes: Bool = true,
                seedBackupCredentials: TypedReference? = nil, caBundleSecretName: String? = nil,
                pullSecretName: String? = nil, renewKubeconfig: Bool = false, allowBootstrap: Bool = false) {
        self.namespace = namespace
        self.name = name
        self.configDecodes = configDecodes
        self.seedBackupCredentials = seedBackupCredentials
        self.caBundleSecretName = caBundleSecretName
        self.pullSecretName = pullSecretName
        self.renewKubeconfig = renewKubeconfig
        self.allowBootstrap = allowBootstrap
    }

    init(_ object: JSONValue) {
        let config = GardenletConfiguration(object.at("spec", "config"))
        let repository = object.at("spec", "deployment", "helm", "ociRepository")
        self.init(
            namespace: object.metadataNamespace,
            name: object.metadataName,
            configDecodes: config != nil,
            seedBackupCredentials: config?.seedBackupCredentials,
            caBundleSecretName: repository?["caBundleSecretRef"]?.objectValue == nil ? nil
                : repository?.string("caBundleSecretRef", "name"),
            pullSecretName: repository?["pullSecretRef"]?.objectValue == nil ? nil
                : repository?.string("pullSecretRef", "name"),
            renewKubeconfig: object.annotation("gardener.cloud/operation") == "renew-kubeconfig"
        )
    }

    /// Gardenlets of self-hosted shoots belong to the shoot authorizer.
    var isSelfHostedShoot: Bool { name.hasPrefix("self-hosted-shoot-") }

    mutating func resolve(seed: SeedReferences?, now: Double) {
        guard let seed else {
            allowBootstrap = false
            return
        }
        if let expiry = seed.clientCertificateExpiration, expiry < now {
            allowBootstrap = true
        } else {
            allowBootstrap = renewKubeconfig
        }
    }
}
