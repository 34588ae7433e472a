import JSON

/// Topology-aware routing for Services by the runtime cluster's Kubernetes version, as Gardener's
/// `ReconcileTopologyAwareRoutingSettings` (`pkg/utils/gardener/topology_aware_routing.go`) sets it
/// (`gardener-behaviour.md` D.2), switched per Service by a label; and the values of
/// `spec.trafficDistribution` each version accepts (D.4). Pure: documents in, documents out.
public struct TrafficDistributionPolicy: Sendable {
    public static let defaultOptInLabel = "resources.gardener.cloud/topology-aware-routing"
    public static let considerLabel = "endpoint-slice-hints.resources.gardener.cloud/consider"
    public static let topologyModeAnnotation = "service.kubernetes.io/topology-mode"
    /// The annotation `topology-mode` replaced; Gardener cleared it too.
    public static let topologyAwareHintsAnnotation = "service.kubernetes.io/topology-aware-hints"
    public static let preferClose = "PreferClose"
    public static let preferSameZone = "PreferSameZone"
    public static let preferSameNode = "PreferSameNode"

    static let fieldPath = FieldPath("spec", "trafficDistribution")

    /// What topology-aware routing consists of on one Kubernetes version (D.2).
    public struct Settings: Equatable, Sendable {
        /// Annotation `service.kubernetes.io/topology-mode: auto`.
        public var topologyModeAuto: Bool
        /// Label `endpoint-slice-hints.resources.gardener.cloud/consider: "true"`.
        public var considerLabel: Bool
        /// `spec.trafficDistribution`.
        public var trafficDistribution: String?

        /// Nothing set: what opting out leaves.
        public static let none = Settings(topologyModeAuto: false, considerLabel: false, trafficDistribution: nil)
    }

    /// D.2: annotation + label below 1.31; PreferClose + label on 1.31 (the label kept the
    /// EndpointSlice-hints webhook working during the 1.30 → 1.31 migration); PreferClose on
    /// 1.32–1.33; PreferSameZone, PreferClose's new name, from 1.34.
    public static func settings(for version: KubernetesVersion) -> Settings {
        if version < KubernetesVersion(major: 1, minor: 31) {
            return Settings(topologyModeAuto: true, considerLabel: true, trafficDistribution: nil)
        }
        if version == KubernetesVersion(major: 1, minor: 31) {
            return Settings(topologyModeAuto: false, considerLabel: true, trafficDistribution: preferClose)
        }
        if version < KubernetesVersion(major: 1, minor: 34) {
            return Settings(topologyModeAuto: false, considerLabel: false, trafficDistribution: preferClose)
        }
        return Settings(topologyModeAuto: false, considerLabel: false, trafficDistribution: preferSameZone)
    }

    /// D.4: the values an API server of `version` accepts with default feature gates. 1.30 had
    /// the field behind the alpha gate ServiceTrafficDistribution (off by default) and 1.33 had
    /// PreferSameZone/PreferSameNode behind the alpha gate PreferSameTrafficDistribution: those
    /// count as not accepted, because this webhook cannot see gates and Gardener never relied on them.
    public static func acceptedValues(on version: KubernetesVersion) -> [String] {
        if version < KubernetesVersion(major: 1, minor: 31) { return [] }
        if version < KubernetesVersion(major: 1, minor: 34) { return [preferClose] }
        return [preferClose, preferSameZone, preferSameNode]
    }

    /// The opt-in label's value on a Service.
    public enum OptIn: Equatable, Sendable {
        case absent, enabled, disabled
        case unsupported(String)
    }

    /// The label that switches a Service in (`"true"`) or out (`"false"`).
    public var optInLabel: String

    public init(optInLabel: String = TrafficDistributionPolicy.defaultOptInLabel) {
        self.optInLabel = optInLabel
    }

    public func optIn(of service: JSONValue) -> OptIn {
        guard let value = service["metadata"]?["labels"]?[optInLabel], !value.isNull else { return .absent }
        switch value.stringValue {
        case "true": return .enabled
        case "false": return .disabled
        case let other?: return .unsupported(other)
        case nil: return .unsupported(JSONWriter.string(value))
        }
    }

    /// The Service with the settings of `version` (label `"true"`) or with none of them (label
    /// `"false"`); nil when nothing changes. An enabled Service whose `spec.trafficDistribution`
    /// holds a value that no version's settings use (e.g. `PreferSameNode`) was set by hand: it is
    /// left as it is, and validation denies it, naming the value this webhook would set.
    public func mutate(_ service: JSONValue, version: KubernetesVersion) -> JSONValue? {
        guard case .object(var object) = service else { return nil }
        let target: Settings
        switch optIn(of: service) {
        case .absent, .unsupported: return nil
        case .disabled: target = .none
        case .enabled:
            if let current = service["spec"]?["trafficDistribution"], !current.isNull,
               current != .string(Self.preferClose), current != .string(Self.preferSameZone) {
                return nil
            }
            target = Self.settings(for: version)
        }

        var metadata = object["metadata"]?.objectValue ?? JSONObject()
        Self.update(&metadata, "annotations", Self.topologyModeAnnotation, to: target.topologyModeAuto ? "auto" : nil)
        Self.update(&metadata, "annotations", Self.topologyAwareHintsAnnotation, to: nil)
        Self.update(&metadata, "labels", Self.considerLabel, to: target.considerLabel ? "true" : nil)
        object["metadata"] = .object(metadata)

        var spec = object["spec"]?.objectValue ?? JSONObject()
        let wanted = target.trafficDistribution.map(JSONValue.string)
        if spec["trafficDistribution"] != wanted {
            spec["trafficDistribution"] = wanted
            object["spec"] = .object(spec)
        }

        let result = JSONValue.object(object)
        return result == service ? nil : result
    }

    /// Field errors and warnings for the Service on `version`.
    public func validate(_ service: JSONValue, version: KubernetesVersion) -> (errors: [FieldError], warnings: [String]) {
        validate(service, version: { version })
    }

    /// Field errors and warnings; `version` is asked only when `spec.trafficDistribution` is set,
    /// so Services without it are admitted even while the version is unknown.
    public func validate(_ service: JSONValue, version: () throws -> KubernetesVersion) rethrows -> (errors: [FieldError], warnings: [String]) {
        var errors: [FieldError] = []
        var warnings: [String] = []
        let optIn = optIn(of: service)
        if case .unsupported(let value) = optIn {
            errors.append(.notSupported(FieldPath("metadata", "labels").key(optInLabel), .string(value), supported: ["false", "true"]))
        }

        guard let field = service["spec"]?["trafficDistribution"], !field.isNull else { return (errors, warnings) }
        guard let value = field.stringValue else {
            errors.append(.invalid(Self.fieldPath, .omitted, "must be a string"))
            return (errors, warnings)
        }
        let version = try version()
        let accepted = Self.acceptedValues(on: version)
        if accepted.isEmpty {
            errors.append(.forbidden(Self.fieldPath, version == KubernetesVersion(major: 1, minor: 30)
                ? "Kubernetes 1.30 has this field only with the alpha feature gate ServiceTrafficDistribution, which is off by default"
                : "Kubernetes \(version) does not have this field (it exists from 1.30 on)"))
            return (errors, warnings)
        }
        guard accepted.contains(value) else {
            errors.append(.notSupported(Self.fieldPath, .string(value), supported: accepted))
            return (errors, warnings)
        }
        if value == Self.preferClose, version >= KubernetesVersion(major: 1, minor: 34) {
            warnings.append("\(Self.fieldPath): \"\(Self.preferClose)\" is deprecated from Kubernetes 1.34 on; use \"\(Self.preferSameZone)\", its new name")
        }
        if optIn == .enabled, let wanted = Self.settings(for: version).trafficDistribution, value != wanted {
            errors.append(.invalid(Self.fieldPath, .string(value),
                "conflicts with the label \(optInLabel)=true, for which this webhook sets \"\(wanted)\" on Kubernetes \(version); remove the field or the label"))
        }
        return (errors, warnings)
    }

    /// Sets or removes `metadata.<map>[key]`, creating the map only to set a key.
    private static func update(_ metadata: inout JSONObject, _ map: String, _ key: String, to value: String?) {
        var members = metadata[map]?.objectValue
        if let value {
            if members == nil { members = JSONObject() }
            members?[key] = .string(value)
        } else {
            guard members?[key] != nil else { return }
            members?[key] = nil
        }
        if let members { metadata[map] = .object(members) }
    }
}
