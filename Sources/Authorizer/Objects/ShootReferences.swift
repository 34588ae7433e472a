import JSON

/// What the graph reads from a Shoot (`core.gardener.cloud`).
public struct ShootReferences: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var uid: String
    public var secretBindingName: String?
    public var credentialsBindingName: String?
    /// From `spec.cloudProfile` (kind defaults to CloudProfile) or the legacy `spec.cloudProfileName`.
    public var cloudProfile: CloudProfileReference?
    public var specSeedName: String?
    public var statusSeedName: String?
    public var exposureClassName: String?
    public var auditPolicyConfigMap: String?
    public var authenticationConfigMap: String?
    public var authorizationConfigMap: String?
    public var authorizationKubeconfigSecrets: [String]
    public var dnsCredentials: [TypedReference]
    public var resources: [TypedReference]
    /// `authentication.gardener.cloud/issuer: managed`.
    public var managedIssuer: Bool
    /// `gardener-system-shoot-issuer/<project>--<uid>`, resolved from the namespace's
    /// `project.gardener.cloud/name` label when the issuer is managed.
    public var managedIssuerSecret: String?

    public init(namespace: String, name: String, uid: String = "", secretBindingName: String? = nil,
                credentialsBindingName: String? = nil, cloudProfile: CloudProfileReference? = nil,
                specSeedName: String? = nil, statusSeedName: String? = nil, exposureClassName: String? = nil,
                auditPolicyConfigMap: String? = nil, authenticationConfigMap: String? = nil,
                authorizationConfigMap: String? = nil, authorizationKubeconfigSecrets: [String] = [],
                dnsCredentials: [TypedReference] = [], resources: [TypedReference] = [],
                managedIssuer: Bool = false, managedIssuerSecret: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.secretBindingName = secretBindingName
        self.credentialsBindingName = credentialsBindingName
        self.cloudProfile = cloudProfile
        self.specSeedName = specSeedName
        self.statusSeedName = statusSeedName
        self.exposureClassName = exposureClassName
        self.auditPolicyConfigMap = auditPolicyConfigMap
        self.authenticationConfigMap = authenticationConfigMap
        self.authorizationConfigMap = authorizationConfigMap
        self.authorizationKubeconfigSecrets = authorizationKubeconfigSecrets
        self.dnsCredentials = dnsCredentials
        self.resources = resources
        self.managedIssuer = managedIssuer
        self.managedIssuerSecret = managedIssuerSecret
    }

    init(_ object: JSONValue) {
        let spec = object["spec"]
        var cloudProfile: CloudProfileReference?
        if let reference = spec?["cloudProfile"], reference.objectValue != nil {
            let kind = reference.string("kind")
            cloudProfile = CloudProfileReference(kind: kind.isEmpty ? "CloudProfile" : kind, name: reference.string("name"))
        } else if let name = spec?.optionalString("cloudProfileName") {
            cloudProfile = CloudProfileReference(kind: "CloudProfile", name: name)
        }
        let apiServer = spec?.at("kubernetes", "kubeAPIServer")
        self.init(
            namespace: object.metadataNamespace,
            name: object.metadataName,
            uid: object.string("metadata", "uid"),
            secretBindingName: spec?["secretBindingName"]?.stringValue,
            credentialsBindingName: spec?["credentialsBindingName"]?.stringValue,
            cloudProfile: cloudProfile,
            specSeedName: spec?["seedName"]?.stringValue,
            statusSeedName: object.at("status", "seedName")?.stringValue,
            exposureClassName: spec?["exposureClassName"]?.stringValue,
            auditPolicyConfigMap: apiServer?.optionalString("auditConfig", "auditPolicy", "configMapRef", "name"),
            authenticationConfigMap: apiServer?.optionalString("structuredAuthentication", "configMapName"),
            authorizationConfigMap: apiServer?.optionalString("structuredAuthorization", "configMapName"),
            authorizationKubeconfigSecrets: (apiServer?.array("structuredAuthorization", "kubeconfigs") ?? [])
                .map { $0.string("secretName") },
            dnsCredentials: (spec?.array("dns", "providers") ?? []).compactMap { TypedReference($0["credentialsRef"]) },
            resources: object.resourceReferences("spec", "resources"),
            managedIssuer: object.annotation("authentication.gardener.cloud/issuer") == "managed"
        )
    }

    /// The fields whose change re-runs the Shoot handler (`eventhandler_shoot.go` UpdateFunc). The uid
    /// only matters through the managed issuer secret name, which is compared resolved.
    func edgeFieldsDiffer(from other: ShootReferences) -> Bool {
        var a = self, b = other
        a.uid = ""
        b.uid = ""
        return a != b
    }
}

/// `spec.cloudProfile` of a Shoot.
public struct CloudProfileReference: Hashable, Sendable {
    public var kind: String
    public var name: String
    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }
}
