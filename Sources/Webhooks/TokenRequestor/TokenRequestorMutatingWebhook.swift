import JSON

/// `POST /webhooks/mutate/token-requestor`: injects the CA bundle (`TokenRequestorPolicy.mutate`).
public struct TokenRequestorMutatingWebhook: AdmissionWebhook {
    public let name = "mutate-token-requestor"
    public let path = "/webhooks/mutate/token-requestor"
    public let mutating = true
    public let policy: TokenRequestorPolicy
    /// The CA bundle in force, read once per request so a reload applies to the next one.
    public let caBundle: @Sendable () -> [UInt8]

    public init(policy: TokenRequestorPolicy, caBundle: @escaping @Sendable () -> [UInt8]) {
        self.policy = policy
        self.caBundle = caBundle
    }

    public func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome {
        guard let secret = secretWrite(request) else { return .allowed }
        switch policy.mutate(secret, caBundle: caBundle()) {
        case .unchanged: return .allowed
        case .changed(let object): return .patched(object: object, warnings: [])
        case .refused(let error): return .validated([error])
        }
    }
}
