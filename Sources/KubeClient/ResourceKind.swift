/// One API resource the informers list and watch.
public struct ResourceKind: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core group.
    public var group: String
    public var version: String
    /// Plural resource name as in the URL.
    public var resource: String
    public var kind: String

    public init(group: String, version: String, resource: String, kind: String) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
    }

    public var apiVersion: String { group.isEmpty ? version : group + "/" + version }

    /// The cluster-wide collection: `/api/v1/serviceaccounts`, `/apis/core.gardener.cloud/v1beta1/shoots`.
    public var collectionPath: String {
        group.isEmpty ? "/api/\(version)/\(resource)" : "/apis/\(group)/\(version)/\(resource)"
    }

    /// `shoots.core.gardener.cloud`, as RBAC and error messages name it.
    public var description: String { group.isEmpty ? resource : resource + "." + group }

    /// The kinds whose objects create graph edges, at the versions Gardener's graph watches them
    /// (`pkg/utils/graph/graph.go` `Setup`, seed flavour: SecretBinding and Seed included), plus
    /// Namespaces: the Shoot handler reads the shoot's Namespace from the informer cache for its
    /// `project.gardener.cloud/name` label (managed issuer secret, `eventhandler_shoot.go`).
    public static let gardenGraph: [ResourceKind] = [
        ResourceKind(group: "core.gardener.cloud", version: "v1beta1", resource: "backupbuckets", kind: "BackupBucket"),
        ResourceKind(group: "core.gardener.cloud", version: "v1beta1", resource: "backupentries", kind: "BackupEntry"),
        ResourceKind(group: "operations.gardener.cloud", version: "v1alpha1", resource: "bastions", kind: "Bastion"),
        ResourceKind(group: "certificates.k8s.io", version: "v1", resource: "certificatesigningrequests", kind: "CertificateSigningRequest"),
        ResourceKind(group: "core.gardener.cloud", version: "v1", resource: "controllerdeployments", kind: "ControllerDeployment"),
        ResourceKind(group: "core.gardener.cloud", version: "v1beta1", resource: "controllerinstallations", kind: "ControllerInstallation"),
        ResourceKind(group: "seedmanagement.gardener.cloud", version: "v1alpha1", resource: "gardenlets", kind: "Gardenlet"),
        ResourceKind(group: "seedmanagement.gardener.cloud", version: "v1alpha1", resource: "managedseeds", kind: "ManagedSeed"),
        ResourceKind(group: "core.gardener.cloud", version: "v1beta1", resource: "projects", kind: "Project"),
        ResourceKind(group: "", version: "v1", resource: "serviceaccounts", kind: "ServiceAccount"),
        ResourceKind(group: "core.gardener.cloud", version: "v1beta1", resource: "shoots", kind: "Shoot"),
        ResourceKind(group: "security.gardener.cloud", version: "v1alpha1", resource: "credentialsbindings", kind: "CredentialsBinding"),
        ResourceKind(group: "core.gardener.cloud", version: "v1beta1", resource: "secretbindings", kind: "SecretBinding"),
        ResourceKind(group: "core.gardener.cloud", version: "v1beta1", resource: "seeds", kind: "Seed"),
        ResourceKind(group: "", version: "v1", resource: "namespaces", kind: "Namespace"),
    ]
}
