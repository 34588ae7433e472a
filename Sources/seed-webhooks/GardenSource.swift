import ArgumentParser
import Authorizer
import Dispatch
import HTTPServer
import KubeClient
import Logging
import Prometheus
import Webhooks

/// `kubeconfig`: the garden API as the authorizer graph's source. At start the kubeconfig is
/// loaded and the garden must answer `/version` (bounded by connect/handshake/request timeouts),
/// so a bad kubeconfig, an untrusted certificate or a refused client certificate stops `serve`
/// with a clear message instead of leaving it unready. Then one informer per kind the graph
/// needs lists and watches into `sink`, and `/readyz` stays 503 (condition `garden`, saying
/// which kinds are missing) until every first list has been applied.
///
/// `@unchecked Sendable`: every stored property is immutable; the timer source is only resumed in
/// `start` and cancelled in `stop` (Dispatch serialises both).
final class GardenSource: @unchecked Sendable {
    static let readinessCondition = "garden"

    let client: KubeClient
    let version: ServerVersion
    let informers: InformerGroup
    /// For `authorizeWithSelectors: auto`; nil for `true`/`false`.
    let selectorProbe: SelectorAuthorizationProbe?
    private let selectorMode: Configuration.SelectorAuthorization
    private let sink: any InformerSink
    private let readinessTimer: DispatchSourceTimer

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// With `kubeconfig` set: the graph the garden informers keep up to date, and the selector
    /// setting for the authorizer (`auto` asks the garden). Nil without `kubeconfig`.
    static func startIfConfigured(_ configuration: Configuration, readiness: ReadinessRegistry, metrics: PrometheusCollectorRegistry,
                                  logger: Logger) throws(StartError) -> GardenSource? {
        guard !configuration.kubeconfig.isEmpty else { return nil }
        let feed = GraphFeed(LiveGardenState(graph: ResourceGraph()))
        return try start(kubeconfig: configuration.kubeconfig, selectors: configuration.authorizeWithSelectors, sink: feed,
                         readiness: readiness, metrics: metrics, logger: logger)
    }

    /// `startIfConfigured` for `serve`: a garden that cannot be used ends the process with its reason.
    static func startOrExit(_ configuration: Configuration, readiness: ReadinessRegistry, metrics: PrometheusCollectorRegistry,
                            logger: Logger) throws -> GardenSource? {
        do {
            return try startIfConfigured(configuration, readiness: readiness, metrics: metrics, logger: logger)
        } catch {
            logger.critical("cannot use the garden API", metadata: ["error": "\(error)"])
            FileHandleStandardError.write("seed-webhooks: \(error.description)\n")
            throw ExitCode(1)
        }
    }

    /// The graph the informers feed, when they feed one (`startIfConfigured`).
    var graph: ResourceGraph? { (sink as? GraphFeed)?.state.graph }

    /// The `authorizeWithSelectors` setting for the authorizer, with the garden probe for `auto`.
    var selectorAuthorization: Authorizer.SelectorAuthorization {
        switch selectorMode {
        case .true: return Authorizer.SelectorAuthorization(.enabled)
        case .false: return Authorizer.SelectorAuthorization(.disabled)
        case .auto:
            let probe = selectorProbe
            return Authorizer.SelectorAuthorization(.auto, probe: { () throws -> Bool in try probe?.isPossible() ?? true })
        }
    }

    /// Connects and starts everything; throws `StartError` with the reason when the garden cannot be used.
    static func start(kubeconfig path: String, selectors: Configuration.SelectorAuthorization, sink: any InformerSink,
                      readiness: ReadinessRegistry, metrics: PrometheusCollectorRegistry, logger: Logger,
                      clientOptions: KubeClientOptions = KubeClientOptions(),
                      informerOptions: InformerOptions = InformerOptions()) throws(StartError) -> GardenSource {
        let (client, version) = try connect(kubeconfig: path, what: "kubeconfig", options: clientOptions)
        logger.info("garden API reachable", metadata: ["server": "\(client.config.server)", "version": "\(version)"])
        let source = GardenSource(client: client, version: version, selectors: selectors, sink: sink, readiness: readiness,
                                  metrics: metrics, logger: logger, informerOptions: informerOptions)
        source.selectorProbe?.start()
        source.informers.start()
        return source
    }

    /// Loads a kubeconfig and reads the server's version; errors name the setting and the cause.
    static func connect(kubeconfig path: String, what: String,
                        options: KubeClientOptions = KubeClientOptions()) throws(StartError) -> (KubeClient, ServerVersion) {
        do {
            let client = try KubeClient(kubeconfigPath: path, options: options)
            return (client, try client.serverVersion())
        } catch {
            throw StartError(description: "\(what) \(path): \(error.message)")
        }
    }

    private init(client: KubeClient, version: ServerVersion, selectors: Configuration.SelectorAuthorization, sink: any InformerSink,
                 readiness: ReadinessRegistry, metrics: PrometheusCollectorRegistry, logger: Logger, informerOptions: InformerOptions) {
        self.client = client
        self.version = version
        self.sink = sink
        selectorMode = selectors
        informers = InformerGroup(client: client, sink: sink, options: informerOptions,
                                  metrics: InformerMetrics(registry: metrics), logger: logger)
        selectorProbe = selectors == .auto ? SelectorAuthorizationProbe(client: client, logger: logger) : nil
        readiness.markNotReady(Self.readinessCondition, reason: informers.readinessReason ?? "garden informers not started")
        readinessTimer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "seed-webhooks.garden.readiness"))
        let informers = self.informers
        let timer = readinessTimer
        readinessTimer.setEventHandler {
            if let reason = informers.readinessReason {
                readiness.markNotReady(Self.readinessCondition, reason: reason)
            } else {
                readiness.markReady(Self.readinessCondition)
                logger.info("garden informers synced: the graph has its first complete state")
                timer.cancel()
            }
        }
        readinessTimer.schedule(deadline: .now(), repeating: .milliseconds(100))
        readinessTimer.resume()
    }

    func stop() {
        informers.stop()
        selectorProbe?.stop()
        readinessTimer.cancel()
    }
}

/// `trafficDistribution.kubeconfig`: the runtime cluster's version for the traffic-distribution
/// webhooks, read at start (a failure stops `serve`) and refreshed every 10 minutes.
enum RuntimeVersion {
    static func start(kubeconfig path: String, logger: Logger,
                      options: KubeClientOptions = KubeClientOptions()) throws(GardenSource.StartError) -> ServerVersionSource {
        let client: KubeClient
        do { client = try KubeClient(kubeconfigPath: path, options: options) } catch {
            throw GardenSource.StartError(description: "trafficDistribution.kubeconfig \(path): \(error.message)")
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

/// Informer events into the authorizer's graph, per object (`LiveGardenState`).
final class GraphFeed: InformerSink {
    let state: LiveGardenState

    init(_ state: LiveGardenState) { self.state = state }

    func apply(_ events: [ObjectEvent], of kind: ResourceKind) {
        state.apply(events.map { ($0.type == .deleted ? .delete : .upsert, $0.object) })
    }

    func synced(_ kind: ResourceKind) {}
}
