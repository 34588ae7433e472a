import JSON

/// `POST /webhooks/validate/token-requestor`: `TokenRequestorPolicy.validate`.
public struct TokenRequestorValidatingWebhook: AdmissionWebhook {
    public let name = "validate-token-requestor"
    public let path = "/webhooks/validate/token-requestor"
    public let mutating = false
    public let policy: TokenRequestorPolicy

    public init(policy: TokenRequestorPolicy) {
        self.policy = policy
    }

    public func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome {
        guard let secret = secretWrite(request) else { return .allowed }
        return .validated(policy.validate(secret))
    }
}
