import JSON

/// `POST /webhooks/mutate/traffic-distribution`: `TrafficDistributionPolicy.mutate`.
public struct TrafficDistributionMutatingWebhook: AdmissionWebhook {
    public let name = "mutate-traffic-distribution"
    public let path = "/webhooks/mutate/traffic-distribution"
    public let mutating = true
    public let policy: TrafficDistributionPolicy
    public let kubernetesVersion: @Sendable () throws -> KubernetesVersion

    public init(policy: TrafficDistributionPolicy, kubernetesVersion: @escaping @Sendable () throws -> KubernetesVersion) {
        self.policy = policy
        self.kubernetesVersion = kubernetesVersion
    }

    public func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome {
        guard let service = serviceWrite(request), policy.optIn(of: service) != .absent else { return .allowed }
        guard let changed = policy.mutate(service, version: try kubernetesVersion()) else { return .allowed }
        return .patched(object: changed, warnings: [])
    }
}
