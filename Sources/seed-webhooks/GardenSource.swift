import ArgumentParser
import Authorizer
import Dispatch
import Foundation
import HTTPServer
import KubeClient
import Logging
import Prometheus
import Webhooks

/// `kubeconfig`: the garden API as the authorizer graph's source.
///
/// 1. `connect`: the kubeconfig is loaded and the garden must answer `/version`, bounded by the
///    connect/handshake/request timeouts, so a bad kubeconfig, an untrusted certificate or a
///    refused client certificate stops `serve` with a clear message instead of leaving it unready.
///    With `authorizeWithSelectors: auto` the selector probe runs its first check here.
/// 2. `start(feeding:)`: one informer per kind the graph needs lists and watches into the graph
///    (per object, through `LiveGardenState`), and `/readyz` stays 503 (condition `garden`, naming
///    the kinds still missing) until every first list has been applied.
///
/// `@unchecked Sendable`: `informers` and `readinessTimer` are set once in `start` under `lock`;
/// everything else is immutable.
final class GardenSource: @unchecked Sendable {
    static let readinessCondition = "garden"

    let client: KubeClient
    let version: ServerVersion
    /// For `authorizeWithSelectors: auto`; nil for `true`/`false`.
    let selectorProbe: SelectorAuthorizationProbe?
    private let readiness: ReadinessRegistry
    private let metrics: PrometheusCollectorRegistry
    private let logger: Logger
    private let informerOptions: InformerOptions
    private let lock = NSLock()
    private var informers: InformerGroup?
    private var readinessTimer: DispatchSourceTimer?

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// `connect` for `serve`: nil without `kubeconfig`; a garden that cannot be used ends the
    /// process with its reason.
    static func connectOrExit(_ configuration: Configuration, readiness: ReadinessRegistry, metrics: PrometheusCollectorRegistry,
                              logger: Logger) throws -> GardenSource? {
        guard !configuration.kubeconfig.isEmpty else { return nil }
        do {
            return try connect(kubeconfig: configuration.kubeconfig, selectors: configuration.authorizeWithSelectors,
                               readiness: readiness, metrics: metrics, logger: logger)
        } catch {
            logger.critical("cannot use the garden API", metadata: ["error": "\(error)"])
            FileHandleStandardError.write("seed-webhooks: \(error.description)\n")
            throw ExitCode(1)
        }
    }

    static func connect(kubeconfig path: String, selectors: Configuration.SelectorAuthorization, readiness: ReadinessRegistry,
                        metrics: PrometheusCollectorRegistry, logger: Logger,
                        clientOptions: KubeClientOptions = KubeClientOptions(),
                        informerOptions: InformerOptions = InformerOptions()) throws(StartError) -> GardenSource {
        let (client, version) = try connect(kubeconfig: path, what: "kubeconfig", options: clientOptions)
        logger.info("garden API reachable", metadata: ["server": "\(client.config.server)", "version": "\(version)"])
        let probe = selectors == .auto ? SelectorAuthorizationProbe(client: client, logger: logger) : nil
        probe?.start()
        return GardenSource(client: client, version: version, selectorProbe: probe, readiness: readiness,
                            metrics: metrics, logger: logger, informerOptions: informerOptions)
    }

    /// Loads a kubeconfig and reads the server's version; errors name the setting and the cause.
    static func connect(kubeconfig path: String, what: String,
                        options: KubeClientOptions = KubeClientOptions()) throws(StartError) -> (KubeClient, ServerVersion) {
        let client: KubeClient
        do { client = try KubeClient(kubeconfigPath: path, options: options) } catch {
            throw StartError(description: "\(what): \(error.message)")  // the message names the file
        }
        do { return (client, try client.serverVersion()) } catch {
            throw StartError(description: "\(what) \(path): \(error.message)")
        }
    }

    private init(client: KubeClient, version: ServerVersion, selectorProbe: SelectorAuthorizationProbe?, readiness: ReadinessRegistry,
                 metrics: PrometheusCollectorRegistry, logger: Logger, informerOptions: InformerOptions) {
        self.client = client
        self.version = version
        self.selectorProbe = selectorProbe
        self.readiness = readiness
        self.metrics = metrics
        self.logger = logger
        self.informerOptions = informerOptions
        readiness.markNotReady(Self.readinessCondition, reason: "garden informers not started")
    }

    /// The probe as the authorizer's `SelectorAuthorization` asks it (nil unless `auto`).
    var selectorProbeFunction: (@Sendable () throws -> Bool)? {
        guard let probe = selectorProbe else { return nil }
        return { try probe.isPossible() }
    }

    /// Starts the informers feeding `graph` and the readiness updates. Called once.
    func start(feeding graph: ResourceGraph) {
        let group = InformerGroup(client: client, sink: GraphFeed(LiveGardenState(graph: graph)), options: informerOptions,
                                  metrics: InformerMetrics(registry: metrics), logger: logger)
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "seed-webhooks.garden.readiness"))
        let readiness = readiness
        let logger = logger
        // The handler holds the timer until it cancels itself (Dispatch then releases the handler).
        timer.setEventHandler {
            if let reason = group.readinessReason {
                readiness.markNotReady(Self.readinessCondition, reason: reason)
            } else {
                readiness.markReady(Self.readinessCondition)
                logger.info("garden informers synced: the graph has its first complete state")
                timer.cancel()
            }
        }
        timer.schedule(deadline: .now(), repeating: .milliseconds(100))
        lock.withLock {
            informers = group
            readinessTimer = timer
        }
        group.start()
        timer.resume()
    }

    func stop() {
        let (group, timer) = lock.withLock { (informers, readinessTimer) }
        group?.stop()
        timer?.cancel()
        selectorProbe?.stop()
    }
}

/// Informer events into the authorizer's graph, per object.
final class GraphFeed: InformerSink {
    let state: LiveGardenState

    init(_ state: LiveGardenState) { self.state = state }

    func apply(_ events: [ObjectEvent], of kind: ResourceKind) {
        state.apply(events.map { ($0.type == .deleted ? .delete : .upsert, $0.object) })
    }

    func synced(_ kind: ResourceKind) {}
}

/// `trafficDistribution.kubeconfig`: the runtime cluster's version for the traffic-distribution
/// webhooks, read at start (a failure stops `serve`) and refreshed every 10 minutes.
enum RuntimeVersion {
    /// For `serve`: nil without `trafficDistribution.kubeconfig`; a cluster that cannot be read
    /// ends the process with its reason.
    static func connectOrExit(_ configuration: Configuration, logger: Logger) throws -> (@Sendable () throws -> KubernetesVersion)? {
        let path = configuration.trafficDistribution.kubeconfig
        guard !path.isEmpty else { return nil }
        do {
            return provider(try start(kubeconfig: path, logger: logger))
        } catch {
            logger.critical("cannot read the runtime cluster's version", metadata: ["error": "\(error)"])
            FileHandleStandardError.write("seed-webhooks: \(error.description)\n")
            throw ExitCode(1)
        }
    }

    static func start(kubeconfig path: String, logger: Logger,
                      options: KubeClientOptions = KubeClientOptions()) throws(GardenSource.StartError) -> ServerVersionSource {
        let client: KubeClient
        do { client = try KubeClient(kubeconfigPath: path, options: options) } catch {
            throw GardenSource.StartError(description: "trafficDistribution.kubeconfig: \(error.message)")
        }
        let source = ServerVersionSource(client: client, logger: logger)
        do { try source.start() } catch {
            throw GardenSource.StartError(description: "trafficDistribution.kubeconfig \(path): \(error.message)")
        }
        return source
    }

    /// The version as the traffic-distribution webhooks ask for it, once per request.
    static func provider(_ source: ServerVersionSource) -> @Sendable () throws -> KubernetesVersion {
        {
            let version = try source.current()
            return KubernetesVersion(major: version.major, minor: version.minor)
        }
    }
}
