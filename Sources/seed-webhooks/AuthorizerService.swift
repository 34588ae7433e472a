import Authorizer
import HTTPServer
import Logging
import Prometheus
import Synchronization
import Webhooks

/// The Seed Authorizer of `serve`: the graph, its state source (`state`) and the webhook routes.
/// `/readyz` reports condition `authorizer-state` until the first state is loaded.
enum AuthorizerService {
    static let readinessCondition = "authorizer-state"

    /// The state source `serve` runs, for SIGHUP.
    private static let running = Mutex<StateSource?>(nil)

    /// Reloads the garden state now (SIGHUP); no effect without `state`.
    static func reloadState() {
        running.withLock { $0 }?.reload()
    }

    static func routes(configuration: Configuration, readiness: ReadinessRegistry, registry: PrometheusCollectorRegistry,
                       logger: Logger, probe: (@Sendable () throws -> Bool)? = nil) -> (routes: [Route], graph: ResourceGraph, source: StateSource?) {
        let metrics = AuthorizerMetrics(registry: registry)
        let graph = ResourceGraph(observer: metrics)
        var source: StateSource?
        if !configuration.state.isEmpty {
            let stateSource = StateSource(path: configuration.state, graph: graph, metrics: metrics,
                                          logger: Logger(label: "seed-webhooks.state"))
            readiness.markNotReady(readinessCondition, reason: "garden state not loaded yet")
            stateSource.start { reason in
                if let reason { readiness.markNotReady(readinessCondition, reason: reason) } else { readiness.markReady(readinessCondition) }
            }
            source = stateSource
            running.withLock { $0 = stateSource }
        }
        let mode: SelectorAuthorization.Mode
        switch configuration.authorizeWithSelectors {
        case .true: mode = .enabled
        case .false: mode = .disabled
        case .auto: mode = .auto
        }
        let authorizer = SeedAuthorizer(graph: graph, selectors: SelectorAuthorization(mode, probe: probe))
        let routes = seedAuthorizerRoutes(authorizer: authorizer, metrics: metrics, logger: Logger(label: "seed-webhooks.authorizer"),
                                          debugHandlers: configuration.enableDebugHandlers)
        return (routes, graph, source)
    }
}
