import JSON
import Logging
import Prometheus

/// The validating and mutating TokenRequestor webhooks over one CA bundle file, built from the
/// settings `tokenRequestor.class` and `tokenRequestor.caBundleFile`. The caller keeps the
/// watcher from `caBundle.watch()` alive for as long as the file should be followed, and calls
/// `caBundle.reload()` on SIGHUP.
public struct TokenRequestorWebhooks: Sendable {
    public let caBundle: CABundleFile
    public let validating: TokenRequestorValidatingWebhook
    public let mutating: TokenRequestorMutatingWebhook

    /// Loads the CA bundle; a missing or invalid file is a `CABundleFile.LoadError`.
    /// An empty class means no class, as Gardener treats an unset one.
    public init(tokenRequestorClass: String?, caBundleFile: String,
                logger: Logger = Logger(label: "seed-webhooks.token-requestor"),
                metrics: PrometheusCollectorRegistry? = nil) throws(CABundleFile.LoadError) {
        let caBundle = try CABundleFile(path: caBundleFile, logger: logger, metrics: metrics)
        let policy = TokenRequestorPolicy(tokenRequestorClass: tokenRequestorClass?.isEmpty == false ? tokenRequestorClass : nil)
        self.caBundle = caBundle
        validating = TokenRequestorValidatingWebhook(policy: policy)
        mutating = TokenRequestorMutatingWebhook(policy: policy) { caBundle.bundle.bytes }
    }

    public var all: [any AdmissionWebhook] { [validating, mutating] }
}

/// Whether an admission request is a CREATE or UPDATE of a core/v1 Secret with an object.
func secretWrite(_ request: AdmissionRequest) -> JSONValue? {
    guard request.operation == .create || request.operation == .update,
          request.resource.group.isEmpty, request.resource.resource == "secrets", request.subResource.isEmpty
    else { return nil }
    return request.object
}
