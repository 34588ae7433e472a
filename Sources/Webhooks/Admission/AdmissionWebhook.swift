/// One admission webhook: a policy that sees a decoded request and returns a verdict.
/// The wire concerns (content type, v1/v1beta1, uid echo, patch encoding, HTTP errors)
/// live in `AdmissionReviewHandler`, so a webhook never touches bytes.
public protocol AdmissionWebhook: Sendable {
    /// The metrics label and the name `seed-webhooks admit --webhook` accepts,
    /// e.g. `"validate-cloudprofiles"`.
    var name: String { get }
    /// The HTTP path, e.g. `"/webhooks/validate/cloudprofiles"`.
    var path: String { get }
    /// Whether the webhook may patch. A validating webhook's `.patched` is answered as allowed
    /// without a patch.
    var mutating: Bool { get }
    /// Decides. A thrown error is a bug or an internal failure: it is logged and answered with
    /// HTTP 500 (kube-apiserver applies the webhook's failurePolicy). Bad input is a `.denied`.
    func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome
}
