import HTTPServer
import JSON
import Logging

/// The wire side of one admission webhook (controller-runtime's `admission/http.go` and
/// `Response.Complete`, with design.md's HTTP 400 for an undecodable review):
///
/// 1. the body must be `application/json` and decode as an AdmissionReview v1 or v1beta1;
/// 2. the webhook decides on the decoded request;
/// 3. the answer echoes `request.uid` and the review's apiVersion; a denial carries
///    `status.code` and `status.message`; a mutating webhook's changed object becomes a
///    base64 JSONPatch with `patchType: JSONPatch`, and an unchanged one no patch at all;
///    a validating webhook never sends a patch.
public struct AdmissionReviewHandler: Sendable {
    public let webhook: any AdmissionWebhook
    /// The same webhook when it can decide from the request bytes (looked up once, not per request).
    private let raw: (any RawAdmissionWebhook)?
    private let metrics: AdmissionMetrics?
    private let logger: Logger

    public init(webhook: any AdmissionWebhook, metrics: AdmissionMetrics? = nil,
                logger: Logger = Logger(label: "seed-webhooks.admission")) {
        self.webhook = webhook
        self.raw = webhook as? any RawAdmissionWebhook
        self.metrics = metrics
        self.logger = logger
    }

    /// Answers an HTTP request. Review errors become HTTP 400 (`HTTPError`); anything the
    /// webhook throws propagates to the route's error mapping (HTTP 500 and a log line).
    public func handle(_ request: Request) throws -> Response {
        guard request.hasMediaType("application/json") else {
            throw HTTPError(400, AdmissionReviewError.contentType.description)
        }
        do {
            return .json(200, try review(request.body))
        } catch let error as AdmissionReviewError {
            throw HTTPError(400, error.description)
        }
    }

    /// The AdmissionReview answer for a request body: exactly the bytes the endpoint sends.
    /// A `RawAdmissionWebhook` is asked first with the documents still bytes; the documents are
    /// built only when it declines.
    public func review(_ body: [UInt8]) throws -> [UInt8] {
        // A body the server read has room behind it (`Request.body`), so simdjson parses it in place.
        let allocatedCount = body.capacity
        return try body.withUnsafeBufferPointer { buffer in
            let scan: AdmissionReviewScan
            if let raw {
                if let allowed = raw.admitFromTape(buffer, allocatedCount: allocatedCount) {
                    return AdmissionResponse(uid: allowed.uid, allowed: true, warnings: allowed.warnings).encode(apiVersion: allowed.apiVersion)
                }
                let (rawScan, outcome) = try raw.scanAndAdmit(buffer)
                if case .allowed(let warnings)? = outcome {
                    // Only the uid is needed: no other string of the request is built.
                    return AdmissionResponse(uid: rawScan.text(rawScan.fields.uid, in: buffer), allowed: true, warnings: warnings).encode(apiVersion: rawScan.apiVersion)
                }
                if let outcome, !outcome.isPatch {
                    return complete(outcome, for: rawScan.requestFields(in: buffer)).encode(apiVersion: rawScan.apiVersion)
                }
                scan = rawScan
            } else {
                scan = try AdmissionReviewScan.scan(buffer)
            }
            let review = AdmissionReview(apiVersion: scan.apiVersion, request: try scan.request(in: buffer))
            return try respond(to: review).encode(apiVersion: review.apiVersion)
        }
    }

    /// Runs the webhook and completes its outcome into a response.
    public func respond(to review: AdmissionReview) throws -> AdmissionResponse {
        complete(try webhook.admit(review.request), for: review.request)
    }

    /// controller-runtime's `Response.Complete`: the uid, the verdict, the patch, the metric.
    private func complete(_ outcome: AdmissionOutcome, for request: AdmissionRequest) -> AdmissionResponse {
        var response = AdmissionResponse(uid: request.uid, allowed: outcome.isAllowed, warnings: outcome.warnings)
        switch outcome {
        case .allowed:
            break
        case .denied(let code, let message, _):
            response.status = .init(code: code, message: message)
            metrics?.rejected(operation: request.operation.rawValue, kind: request.kind.kind,
                              namespace: request.namespace, reason: webhook.name)
            logger.debug("denied", metadata: [
                "webhook": .string(webhook.name), "uid": .string(request.uid),
                "kind": .string(request.kind.kind), "namespace": .string(request.namespace),
                "name": .string(request.name), "message": .string(message),
            ])
        case .patched(let object, _):
            if webhook.mutating, let original = request.object {
                response.patch = AdmissionPatch.patch(from: original, to: object)
            }
        }
        return response
    }
}

/// One POST route per webhook. A webhook that throws is answered with a JSON 500 and logged;
/// kube-apiserver then applies the webhook's failurePolicy.
public func admissionRoutes(_ webhooks: [any AdmissionWebhook], metrics: AdmissionMetrics? = nil,
                            logger: Logger = Logger(label: "seed-webhooks.admission")) -> [Route] {
    webhooks.map { webhook in
        let handler = AdmissionReviewHandler(webhook: webhook, metrics: metrics, logger: logger)
        let name = webhook.name
        return Route(["POST"], webhook.path, name: name, errorResponse: { error, _ in
            logger.error("admission webhook failed", metadata: ["webhook": .string(name), "error": .string("\(error)")])
            return HTTPError(500, "internal error in admission webhook \(name)").response
        }, handler: handler.handle)
    }
}
