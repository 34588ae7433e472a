import Prometheus
import Synchronization

/// The server's own metrics, registered once in the shared registry. Per-route series are
/// created on first use and then found without touching the registry's lock.
final class ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let handshakesNew: Counter
    let handshakesResumed: Counter
    let handshakesFailed: Counter
    let openConnections: Gauge
    let rejectedConnections: Counter
    private let routes: Mutex<[String: RouteMetrics]> = Mutex([:])

    /// Request duration buckets, in seconds: fine below 1 ms, where every answer should land.
    static let durationBuckets: [Double] = [
        0.00005, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        let handshakes = "seed_webhooks_tls_handshakes_total"
        let help = "TLS handshakes by result: new, resumed (session reuse) or failed."
        handshakesNew = registry.makeCounter(descriptor: .named(handshakes, help: help), labels: [("result", "new")])
        handshakesResumed = registry.makeCounter(descriptor: .named(handshakes, help: help), labels: [("result", "resumed")])
        handshakesFailed = registry.makeCounter(descriptor: .named(handshakes, help: help), labels: [("result", "failed")])
        openConnections = registry.makeGauge(descriptor: .named("seed_webhooks_open_connections", help: "Open client connections."), labels: [])
        rejectedConnections = registry.makeCounter(descriptor: .named("seed_webhooks_rejected_connections_total", help: "Connections closed on accept because maxConnections was reached."), labels: [])
    }

    /// The series of the route named `name` (the `webhook` label).
    func route(_ name: String) -> RouteMetrics {
        routes.withLock { routes in
            if let existing = routes[name] { return existing }
            let created = RouteMetrics(name: name, registry: registry)
            routes[name] = created
            return created
        }
    }
}

extension MetricNameDescriptor {
    /// A descriptor for a complete metric name (the registry joins the parts with `_`).
    public static func named(_ name: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}
