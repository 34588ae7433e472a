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
    private let readinessTimer: DispatchSourceTimer

    struct StartError: Error, CustomStringConvertible {
        var description: String
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
