import JSON

/// What the graph reads from a Seed (`core.gardener.cloud`).
public struct SeedReferences: Hashable, Sendable {
    public var name: String
    public var backupCredentials: TypedReference?
    public var dnsProviderCredentials: TypedReference?
    public var dnsInternalCredentials: TypedReference?
    public var dnsDefaultsCredentials: [TypedReference?]
    public var resources: [TypedReference]
    /// `status.clientCertificateExpirationTimestamp` in seconds since 1970, when set and parsable.
    public var clientCertificateExpiration: Double?
    /// The `GardenletReady` condition has status `Unknown` (the client certificate may have expired).
    public var gardenletReadyUnknown: Bool

    public init(name: String, backupCredentials: TypedReference? = nil, dnsProviderCredentials: TypedReference? = nil,
                dnsInternalCredentials: TypedReference? = nil, dnsDefaultsCredentials: [TypedReference?] = [],
                resources: [TypedReference] = [], clientCertificateExpiration: Double? = nil, gardenletReadyUnknown: Bool = false) {
        self.name = name
        self.backupCredentials = backupCredentials
        self.dnsProviderCredentials = dnsProviderCredentials
        self.dnsInternalCredentials = dnsInternalCredentials
        self.dnsDefaultsCredentials = dnsDefaultsCredentials
        self.resources = resources
        self.clientCertificateExpiration = clientCertificateExpiration
        self.gardenletReadyUnknown = gardenletReadyUnknown
    }

    init(_ object: JSONValue) {
        let spec = object["spec"]
        let conditions = object.array("status", "conditions")
        self.init(
            name: object.metadataName,
            backupCredentials: TypedReference(spec?.at("backup", "credentialsRef")),
            dnsProviderCredentials: TypedReference(spec?.at("dns", "provider", "credentialsRef")),
            dnsInternalCredentials: TypedReference(spec?.at("dns", "internal", "credentialsRef")),
            dnsDefaultsCredentials: (spec?.array("dns", "defaults") ?? []).map { TypedReference($0["credentialsRef"]) },
            resources: object.resourceReferences("spec", "resources"),
            clientCertificateExpiration: object.optionalString("status", "clientCertificateExpirationTimestamp")
                .flatMap(RFC3339.seconds),
            gardenletReadyUnknown: conditions.contains {
                $0.string("type") == "GardenletReady" && $0.string("status") == "Unknown"
            }
        )
    }

    /// The fields whose change re-runs the Seed handler (`eventhandler_seed.go` UpdateFunc).
    func edgeFieldsDiffer(from other: SeedReferences) -> Bool {
        backupCredentials != other.backupCredentials || dnsProviderCredentials != other.dnsProviderCredentials
            || dnsInternalCredentials != other.dnsInternalCredentials
            || dnsDefaultsCredentials != other.dnsDefaultsCredentials || resources != other.resources
    }
}
