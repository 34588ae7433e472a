import Dispatch
import Foundation
import Logging

/// A cluster's Kubernetes version from `/version`, read at start and refreshed periodically
/// (an upgrade changes it without restarting us). Used by the traffic-distribution webhooks
/// when `trafficDistribution.kubeconfig` points at the runtime cluster.
///
/// `@unchecked Sendable`: `version` and `failure` are read and written under `lock`.
public final class ServerVersionSource: @unchecked Sendable {
    private let client: KubeClient
    private let interval: Double
    private let logger: Logger
    private let queue = DispatchQueue(label: "seed-webhooks.server-version")
    private let lock = NSLock()
    private var version: ServerVersion?
    private var failure: String = "not read yet"
    private var stopped = false

    public init(client: KubeClient, interval: Double = 600, logger: Logger = Logger(label: "seed-webhooks.garden")) {
        self.client = client
        self.interval = interval
        self.logger = logger
    }

    /// Reads the version once before returning (throwing its error), then refreshes in the background.
    public func start() throws(KubeClientError) {
        let first = client.serverVersionResult()
        record(first)
        schedule()
        if case .failure(let error) = first { throw error }
    }

    public func stop() { lock.withLock { stopped = true } }

    /// The last version read; throws while none has been read.
    public func current() throws(KubeClientError) -> ServerVersion {
        try lock.withLock { () -> Result<ServerVersion, KubeClientError> in
            if let version { return .success(version) }
            return .failure(KubeClientError(failure))
        }.get()
    }

    private func record(_ result: Result<ServerVersion, KubeClientError>) {
        switch result {
        case .success(let read):
            let changed = lock.withLock { () -> Bool in
                defer { version = read }
                return version != read
            }
            if changed { logger.info("Kubernetes version read", metadata: ["version": "\(read)"]) }
        case .failure(let error):
            // Keep the last known version: a transient failure must not fail admission requests.
            lock.withLock { failure = error.message }
            logger.warning("reading the Kubernetes version failed", metadata: ["error": "\(error)"])
        }
    }

    private func schedule() {
        queue.asyncAfter(deadline: .now() + interval) { [self] in
            if lock.withLock({ stopped }) { return }
            record(client.serverVersionResult())
            schedule()
        }
    }
}

extension KubeClient {
    func serverVersionResult() -> Result<ServerVersion, KubeClientError> {
        do { return .success(try serverVersion()) } catch { return .failure(error) }
    }
}
