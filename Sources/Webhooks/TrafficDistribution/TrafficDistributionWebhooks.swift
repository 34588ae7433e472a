import JSON

/// The validating and mutating traffic-distribution webhooks, built from the settings
/// `trafficDistribution.label` and `trafficDistribution.kubernetesVersion` (or a version source
/// such as discovery through a kubeconfig).
public struct TrafficDistributionWebhooks: Sendable {
    /// The configured version is not a Kubernetes version.
    public struct InvalidVersion: Error, Equatable, CustomStringConvertible {
        public var text: String
        public var description: String {
            "trafficDistribution.kubernetesVersion \(goQuote(text)) is not a Kubernetes version such as \"1.34\" or \"v1.34.2\""
        }
    }

    /// A version source has no version yet (e.g. discovery has not answered); the request fails
    /// with HTTP 500 and kube-apiserver applies the failurePolicy.
    public struct VersionUnknown: Error, CustomStringConvertible {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
        public var description: String { "runtime Kubernetes version unknown: \(reason)" }
    }

    public let validating: TrafficDistributionValidatingWebhook
    public let mutating: TrafficDistributionMutatingWebhook

    /// - Parameter kubernetesVersion: the runtime cluster's version, asked once per request;
    ///   it throws (e.g. `VersionUnknown`) while the version is not known.
    public init(optInLabel: String = TrafficDistributionPolicy.defaultOptInLabel,
                kubernetesVersion: @escaping @Sendable () throws -> KubernetesVersion) {
        let policy = TrafficDistributionPolicy(optInLabel: optInLabel.isEmpty ? TrafficDistributionPolicy.defaultOptInLabel : optInLabel)
        validating = TrafficDistributionValidatingWebhook(policy: policy, kubernetesVersion: kubernetesVersion)
        mutating = TrafficDistributionMutatingWebhook(policy: policy, kubernetesVersion: kubernetesVersion)
    }

    /// With the fixed version of setting `trafficDistribution.kubernetesVersion`.
    public init(optInLabel: String = TrafficDistributionPolicy.defaultOptInLabel, kubernetesVersion: String) throws(InvalidVersion) {
        guard let version = KubernetesVersion(kubernetesVersion) else { throw InvalidVersion(text: kubernetesVersion) }
        self.init(optInLabel: optInLabel, kubernetesVersion: { version })
    }

    public var all: [any AdmissionWebhook] { [validating, mutating] }
}

/// The object of a CREATE or UPDATE of a core/v1 Service, else nil.
func serviceWrite(_ request: AdmissionRequest) -> JSONValue? {
    guard request.operation == .create || request.operation == .update,
          request.resource.group.isEmpty, request.resource.resource == "services", request.subResource.isEmpty
    else { return nil }
    return request.object
}
