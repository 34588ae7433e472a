import JSON

/// What the graph reads from a ManagedSeed (`seedmanagement.gardener.cloud`).
public struct ManagedSeedReferences: Hashable, Sendable {
    public enum Bootstrap: String, Hashable, Sendable {
        case token = "BootstrapToken"
        case serviceAccount = "ServiceAccount"
        case none = "None"
    }

    public var namespace: String
    public var name: String
    public var shootName: String
    /// False when `spec.gardenlet.config` does not decode; then only the Seed/Shoot edges exist.
    public var configDecodes: Bool
    public var seedBackupCredentials: TypedReference?
    public var seedResources: [TypedReference]
    public var bootstrap: Bootstrap?
    /// `gardener.cloud/operation: renew-kubeconfig`.
    public var renewKubeconfig: Bool
    /// Whether bootstrapping is allowed now: the Seed does not exist, its client certificate has
    /// expired, or (Seed existing) the renew-kubeconfig annotation is set. Resolved against the state.
    public var allowBootstrap: Bool

    public init(namespace: String = "garden", name: String, shootName: String, configDecodes: Bool = true,
                seedBackupCredentials: TypedReference? = nil, seedResources: [TypedReference] = [],
                bootstrap: Bootstrap? = nil, renewKubeconfig: Bool = false, allowBootstrap: Bool = false) {
        self.namespace = namespace
        self.name = name
        self.shootName = shootName
        self.configDecodes = configDecodes
        self.seedBackupCredentials = seedBackupCredentials
        self.seedResources = seedResources
        self.bootstrap = bootstrap
        self.renewKubeconfig = renewKubeconfig
        self.allowBootstrap = allowBootstrap
    }

    init(_ object: JSONValue) {
        let config = GardenletConfiguration(object.at("spec", "gardenlet", "config"))
        self.init(
            namespace: object.metadataNamespace,
            name: object.metadataName,
            shootName: object.string("spec", "shoot", "name"),
            configDecodes: config != nil,
            seedBackupCredentials: config?.seedBackupCredentials,
            seedResources: config?.seedResources ?? [],
            bootstrap: object.optionalString("spec", "gardenlet", "bootstrap").map { Bootstrap(rawValue: $0) ?? .none },
            renewKubeconfig: object.annotation("gardener.cloud/operation") == "renew-kubeconfig"
        )
    }

    /// `eventhandler_managedseed.go`: a missing Seed allows bootstrapping.
    mutating func resolve(seed: SeedReferences?, now: Double) {
        guard let seed else {
            allowBootstrap = true
            return
        }
        if let expiry = seed.clientCertificateExpiration, expiry < now {
            allowBootstrap = true
        } else {
            allowBootstrap = renewKubeconfig
        }
    }
}
