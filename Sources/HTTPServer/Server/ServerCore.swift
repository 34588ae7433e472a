import Logging
import Synchronization

/// What every event loop of one server shares. Immutable except for the atomics.
final class ServerCore: Sendable {
    let router: Router
    /// The probe listener's router: `/healthz`, `/readyz`, `/metrics` only.
    let probeRouter: Router
    let limits: ServerLimits
    let timeouts: ConnectionState.Timeouts
    let certificates: CertificateStore
    let metrics: ServerMetrics
    let logger: Logger
    /// Whether each request is logged (debug): read once, not through the log handler per request.
    let logsRequests: Bool
    let openConnections = Atomic<Int>(0)
    let draining = Atomic<Bool>(false)
    /// Metrics of every route, resolved at start so the request path only reads this dictionary.
    let routeMetrics: [String: RouteMetrics]
    let unknownRouteMetrics: RouteMetrics

    init(router: Router, probeRouter: Router, limits: ServerLimits, certificates: CertificateStore, metrics: ServerMetrics, logger: Logger) {
        self.router = router
        self.probeRouter = probeRouter
        self.limits = limits
        timeouts = ConnectionState.Timeouts(limits)
        self.certificates = certificates
        self.metrics = metrics
        self.logger = logger
        logsRequests = logger.logLevel <= .debug
        var routeMetrics: [String: RouteMetrics] = [:]
        for path in router.paths + probeRouter.paths {
            for candidate in [router.route(for: path), probeRouter.route(for: path)] {
                if let route = candidate, routeMetrics[route.name] == nil {
                    routeMetrics[route.name] = metrics.route(route.name)
                }
            }
        }
        self.routeMetrics = routeMetrics
        unknownRouteMetrics = metrics.route("unknown")
    }

    func metrics(for route: Route?) -> RouteMetrics {
        guard let route else { return unknownRouteMetrics }
        return routeMetrics[route.name] ?? metrics.route(route.name)
    }
}
