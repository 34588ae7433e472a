import Dispatch
import Foundation
import JSON
import Logging

/// Answers "can authorization use label/field selectors?" for `authorizeWithSelectors: auto`, as
/// Gardener's `pkg/webhook/authorizer/withselectors.go` does, but never on the request path:
///
/// * the garden's `/version` ≥ 1.34 → yes, for good (the AuthorizeWithSelectors gate is GA and locked on);
/// * otherwise a dry-run SubjectAccessReview (user `gardener-admission-controller`, get shoots in
///   `default`, `labelSelector.rawSelector` set) is created; the gate is on when the returned object
///   still has `labelSelector`. The answer is kept and checked again every 10 minutes.
///
/// Until the first check finishes the answer is "not possible" (Gardener's initial value); a failed
/// check makes `isPossible()` throw until a later check succeeds, and is retried sooner.
///
/// `@unchecked Sendable`: `result` is read and written under `lock`; checks run on `queue`.
public final class SelectorAuthorizationProbe: @unchecked Sendable {
    private let client: KubeClient
    private let interval: Double
    private let retryInterval: Double
    private let logger: Logger
    private let queue = DispatchQueue(label: "seed-webhooks.selector-probe")
    private let lock = NSLock()
    private var result: Result<Bool, KubeClientError> = .success(false)
    private var stopped = false

    public init(client: KubeClient, interval: Double = 600, retryInterval: Double = 10,
                logger: Logger = Logger(label: "seed-webhooks.garden")) {
        self.client = client
        self.interval = interval
        self.retryInterval = retryInterval
        self.logger = logger
    }

    /// Runs the first check before returning, then keeps checking in the background.
    public func start() {
        let next = runCheck()
        if let next { schedule(after: next) }
    }

    public func stop() { lock.withLock { stopped = true } }

    /// The current answer; throws the last check's error while checks fail.
    public func isPossible() throws(KubeClientError) -> Bool {
        try lock.withLock { result }.get()
    }

    /// One check: whether selectors can be used, and whether to check again later.
    public func check() throws(KubeClientError) -> (possible: Bool, checkAgain: Bool) {
        let version: ServerVersion
        do { version = try client.serverVersion() } catch {
            throw KubeClientError("failed checking whether 'AuthorizeWithSelectors' feature is enabled: \(error.message)")
        }
        if version.atLeast(1, 34) { return (true, false) }
        let review = JSONValue.object(JSONObject([
            "kind": .string("SubjectAccessReview"),
            "apiVersion": .string("authorization.k8s.io/v1"),
            "metadata": .object(JSONObject()),
            "spec": .object(JSONObject([
                "resourceAttributes": .object(JSONObject([
                    "namespace": .string("default"),
                    "verb": .string("get"),
                    "resource": .string("shoots"),
                    "labelSelector": .object(JSONObject(["rawSelector": .string("is-kubernetes-feature-gate-AuthorizeWithSelectors=enabled?")])),
                ])),
                "user": .string("gardener-admission-controller"),
            ])),
            "status": .object(JSONObject(["allowed": .bool(false)])),
        ]))
        let answer: JSONValue
        do {
            answer = try client.request("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", query: "dryRun=All",
                                        body: JSONWriter.serialize(review)).json()
        } catch {
            throw KubeClientError("failed checking whether 'AuthorizeWithSelectors' feature is enabled: failed creating dry-run SubjectAccessReview: \(error.message)")
        }
        let possible = answer[path: "spec", "resourceAttributes", "labelSelector"].map { !$0.isNull } ?? false
        return (possible, true)
    }

    /// Runs a check and stores its answer; returns the delay to the next check, or nil for none.
    private func runCheck() -> Double? {
        if lock.withLock({ stopped }) { return nil }
        do {
            let (possible, again) = try check()
            lock.withLock { result = .success(possible) }
            logger.info("checked whether authorization with selectors is possible",
                        metadata: ["possible": "\(possible)", "checkAgain": "\(again)"])
            return again ? interval : nil
        } catch {
            lock.withLock { result = .failure(error) }
            logger.warning("selector authorization check failed", metadata: ["error": "\(error)"])
            return retryInterval
        }
    }

    private func schedule(after seconds: Double) {
        queue.asyncAfter(deadline: .now() + seconds) { [self] in
            if let next = runCheck() { schedule(after: next) }
        }
    }
}
