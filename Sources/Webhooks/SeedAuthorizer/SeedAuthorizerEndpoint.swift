import Authorizer
import HTTPServer
import JSON
import Logging

/// `POST /webhooks/auth/seed`: the Seed Authorizer as kube-apiserver's authorization webhook.
///
/// Every well-formed HTTP request gets HTTP 200 and a SubjectAccessReview (Gardener's
/// `pkg/webhook/authorizer/handler.go`): a malformed review is answered with
/// `evaluationError` (`"422 request body is empty"`, `"400 …"`), a failing decision with
/// `"500 …"`, never with a 5xx, which kube-apiserver would retry and then fail the user's request.
public struct SeedAuthorizerEndpoint: Sendable {
    public static let path = "/webhooks/auth/seed"
    public static let debugPath = "/debug/graph"

    public let authorizer: SeedAuthorizer
    public let metrics: AuthorizerMetrics?
    public let logger: Logger

    public init(authorizer: SeedAuthorizer, metrics: AuthorizerMetrics? = nil, logger: Logger = Logger(label: "seed-webhooks.authorizer")) {
        self.authorizer = authorizer
        self.metrics = metrics
        self.logger = logger
    }

    /// The answer body for a request with this Content-Type header value and body.
    public func respond(contentType: String?, body: [UInt8]) -> [UInt8] {
        guard !body.isEmpty else {
            metrics?.recordDecision(.error, resource: AuthorizerMetrics.otherResource)
            return SubjectAccessReviewResponse.evaluationError(code: 422, "request body is empty", version: .v1)
        }
        // Gardener compares the header value as it is.
        guard contentType == "application/json" else {
            metrics?.recordDecision(.error, resource: AuthorizerMetrics.otherResource)
            return SubjectAccessReviewResponse.evaluationError(
                code: 400, "contentType=\(contentType ?? ""), expected application/json", version: .v1)
        }
        let review: SubjectAccessReview
        do {
            review = try SubjectAccessReview.decode(body)
        } catch {
            metrics?.recordDecision(.error, resource: AuthorizerMetrics.otherResource)
            logger.debug("undecodable SubjectAccessReview", metadata: ["error": "\(error.message)"])
            return SubjectAccessReviewResponse.evaluationError(code: 400, error.message, version: error.apiVersion ?? .v1)
        }
        return decide(review)
    }

    /// Decides a decoded review and encodes the answer.
    public func decide(_ review: SubjectAccessReview) -> [UInt8] {
        let attributes = review.attributes
        let resource = attributes.isResourceRequest ? nil : AuthorizerMetrics.nonResourceRequest
        do {
            let verdict = try authorizer.authorize(attributes)
            if let metrics {
                metrics.recordDecision(verdict.isAllowed ? .allow : .noOpinion,
                                       resource: verdict.resource ?? resource ?? AuthorizerMetrics.otherResource)
            }
            if logger.logLevel <= .debug {
                logger.debug("decision", metadata: [
                    "user": "\(attributes.user)", "verb": "\(attributes.verb)", "resource": "\(attributes.resource)",
                    "namespace": "\(attributes.namespace)", "name": "\(attributes.name)",
                    "allowed": "\(verdict.isAllowed)", "reason": "\(verdict.reason)",
                ])
            }
            return SubjectAccessReviewResponse.encode(verdict.decision, version: review.apiVersion)
        } catch {
            metrics?.recordDecision(.error, resource: resource ?? AuthorizerMetrics.otherResource)
            logger.error("authorizer failed", metadata: ["error": "\(error.message)"])
            return SubjectAccessReviewResponse.evaluationError(code: 500, error.message, version: review.apiVersion)
        }
    }

    /// The route of the webhook, plus `GET /debug/graph` when `debugHandlers` is set.
    public func routes(debugHandlers: Bool = false) -> [Route] {
        var routes = [
            Route(["POST"], Self.path, name: "auth-seed", errorResponse: { error, _ in
                // Nothing on this path throws today; any future error still answers HTTP 200.
                .json(200, SubjectAccessReviewResponse.evaluationError(code: 500, "\(error)", version: .v1))
            }) { request in
                .json(200, respond(contentType: request.header("Content-Type"), body: request.body))
            },
        ]
        if debugHandlers {
            let graph = authorizer.graph
            routes.append(Route(["GET"], Self.debugPath, name: "debug-graph") { request in
                try GraphDebugHandler.respond(graph: graph, request: request)
            })
        }
        return routes
    }
}

/// The webhook routes of the Seed Authorizer for `serve`.
public func seedAuthorizerRoutes(authorizer: SeedAuthorizer, metrics: AuthorizerMetrics?, logger: Logger,
                                 debugHandlers: Bool) -> [Route] {
    SeedAuthorizerEndpoint(authorizer: authorizer, metrics: metrics, logger: logger).routes(debugHandlers: debugHandlers)
}
