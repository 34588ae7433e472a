import JSON

/// `POST /webhooks/validate/traffic-distribution`: `TrafficDistributionPolicy.validate`.
public struct TrafficDistributionValidatingWebhook: AdmissionWebhook {
    public let name = "validate-traffic-distribution"
    public let path = "/webhooks/validate/traffic-distribution"
    public let mutating = false
    public let policy: TrafficDistributionPolicy
    public let kubernetesVersion: @Sendable () throws -> KubernetesVersion

    public init(policy: TrafficDistributionPolicy, kubernetesVersion: @escaping @Sendable () throws -> KubernetesVersion) {
        self.policy = policy
        self.kubernetesVersion = kubernetesVersion
    }

    public func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome {
        guard let service = serviceWrite(request) else { return .allowed }
        let result = try policy.validate(service, version: kubernetesVersion)
        return .validated(result.errors, warnings: result.warnings)
    }
}
