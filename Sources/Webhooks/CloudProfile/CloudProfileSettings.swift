/// The settings of the CloudProfile webhooks (config keys of the same names).
public struct CloudProfileSettings: Sendable, Equatable {
    /// The `VersionClassificationLifecycle` feature gate: whether `lifecycle` may be written.
    /// Default on.
    public var versionClassificationLifecycle: Bool
    /// Whether the mutating webhook rewrites legacy `classification`/`expirationDate` into the
    /// equivalent `lifecycle`. Default off; it has no effect while the gate is off, because the
    /// result would then be refused.
    public var migrateLegacyClassification: Bool

    public init(versionClassificationLifecycle: Bool = true, migrateLegacyClassification: Bool = false) {
        self.versionClassificationLifecycle = versionClassificationLifecycle
        self.migrateLegacyClassification = migrateLegacyClassification
    }
}

/// The two kinds these webhooks admit (group `core.gardener.cloud`).
public enum CloudProfileKind: String, Sendable {
    case cloudProfile = "CloudProfile"
    case namespacedCloudProfile = "NamespacedCloudProfile"

    public static let group = "core.gardener.cloud"

    /// The kind of an admission request, or nil for anything else.
    public init?(_ request: AdmissionRequest) {
        guard request.kind.group == Self.group, let kind = CloudProfileKind(rawValue: request.kind.kind) else { return nil }
        self = kind
    }

    /// The kind of a request read from the bytes, or nil for anything else.
    init?<Summary>(_ raw: RawAdmissionRequest<Summary>) {
        if raw.kindIs(group: "core.gardener.cloud", kind: "CloudProfile") {
            self = .cloudProfile
        } else if raw.kindIs(group: "core.gardener.cloud", kind: "NamespacedCloudProfile") {
            self = .namespacedCloudProfile
        } else {
            return nil
        }
    }

    static func unexpected(_ request: AdmissionRequest) -> AdmissionOutcome {
        .undecodable("this webhook admits core.gardener.cloud CloudProfiles and NamespacedCloudProfiles, not \(request.kind)")
    }
}
