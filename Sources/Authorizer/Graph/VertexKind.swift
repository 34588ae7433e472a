/// The kinds of objects the resource graph knows, in Gardener's order
/// (`pkg/utils/graph/vertices.go`). One byte per vertex.
public enum VertexKind: UInt8, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case backupBucket
    case backupEntry
    case bastion
    case certificateSigningRequest
    case cloudProfile
    case namespacedCloudProfile
    case clusterRoleBinding
    case configMap
    case controllerDeployment
    case controllerInstallation
    case controllerRegistration
    case exposureClass
    case internalSecret
    case lease
    case managedSeed
    case namespace
    case project
    case secret
    case secretBinding
    case seed
    case serviceAccount
    case shoot
    case shootState
    case gardenlet
    case credentialsBinding
    case workloadIdentity

    /// The Kubernetes kind, as Gardener's `VertexTypes` table names it.
    public var kind: String { Self.kinds[Int(rawValue)] }

    public var description: String { kind }

    /// Looks a kind up by its Kubernetes name (`"Shoot"`).
    public init?(kind: String) {
        guard let index = Self.kinds.firstIndex(of: kind) else { return nil }
        self.init(rawValue: UInt8(index))
    }

    private static let kinds = [
        "BackupBucket", "BackupEntry", "Bastion", "CertificateSigningRequest", "CloudProfile",
        "NamespacedCloudProfile", "ClusterRoleBinding", "ConfigMap", "ControllerDeployment",
        "ControllerInstallation", "ControllerRegistration", "ExposureClass", "InternalSecret", "Lease",
        "ManagedSeed", "Namespace", "Project", "Secret", "SecretBinding", "Seed", "ServiceAccount", "Shoot",
        "ShootState", "Gardenlet", "CredentialsBinding", "WorkloadIdentity",
    ]
}

/// A vertex as the outside world names it: kind, namespace ("" when cluster-scoped) and name.
public struct VertexName: Hashable, Sendable, CustomStringConvertible {
    public var kind: VertexKind
    public var namespace: String
    public var name: String

    public init(_ kind: VertexKind, _ namespace: String, _ name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Kind:namespace/name` as Gardener's `Vertex.String()` prints it.
    public var description: String {
        namespace.isEmpty ? "\(kind.kind):\(name)" : "\(kind.kind):\(namespace)/\(name)"
    }
}
