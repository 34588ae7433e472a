import ArgumentParser
import HTTPServer
import Logging
import Prometheus
import Webhooks

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Seed Authorizer and admission webhooks over TLS."
    )

    @OptionGroup var options: ConfigurationOptions

    func run() throws {
        let configuration: Configuration
        do {
            configuration = try options.load()
        } catch {
            throw ValidationError(error.description)
        }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        let logger = Logger(label: "seed-webhooks")
        for warning in ConfigurationLoader.warnings(configuration) {
            logger.warning("\(warning)")
        }

        let metrics = PrometheusCollectorRegistry()
        let readiness = ReadinessRegistry()
        let garden = try GardenSource.connectOrExit(configuration, readiness: readiness, metrics: metrics, logger: logger)
        let runtimeVersion = try RuntimeVersion.connectOrExit(configuration, logger: logger)
        let router = Router(Self.routes(configuration: configuration, readiness: readiness, metrics: metrics, logger: logger,
                                        garden: garden, runtimeVersion: runtimeVersion))
        let server = try HTTPServer(
            configuration: configuration.server, router: router,
            readiness: readiness, metrics: metrics, logger: Logger(label: "seed-webhooks.http")
        )
        // Signals are taken before the port opens: a SIGTERM right after start must drain, not be lost.
        let signals = SignalHandler(
            terminate: { signal in
                logger.info("signal received; draining", metadata: ["signal": "\(signal)"])
                server.shutdown()
            },
            hangup: {
                logger.info("SIGHUP: reloading")
                server.reload()
                AuthorizerService.reloadState()
            }
        )
        try server.start()
        server.waitUntilStopped()
        signals.cancel()
    }

    /// The webhook endpoints. Health, readiness and metrics are added by the server itself.
    /// With `kubeconfig`, `garden` feeds the authorizer's graph and answers `authorizeWithSelectors: auto`.
    /// With `trafficDistribution.kubeconfig`, `runtimeVersion` is the version the traffic-distribution
    /// webhooks use (`AdmissionWebhookSet`'s `trafficDistributionVersion`).
    static func routes(configuration: Configuration, readiness: ReadinessRegistry, metrics: PrometheusCollectorRegistry, logger: Logger,
                       garden: GardenSource? = nil, runtimeVersion: (@Sendable () throws -> KubernetesVersion)? = nil) -> [Route] {
        let authorizer = AuthorizerService.routes(configuration: configuration, readiness: readiness, registry: metrics, logger: logger,
                                                  probe: garden?.selectorProbeFunction)
        garden?.start(feeding: authorizer.graph)
        return authorizer.routes + AdmissionService.routes(configuration: configuration, metrics: metrics, logger: logger,
                                                         trafficDistributionVersion: runtimeVersion)
    }
}
