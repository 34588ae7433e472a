import Prometheus
import Synchronization

/// The request series of one route.
final class RouteMetrics: Sendable {
    let name: String
    let duration: ValueHistogram
    let inFlight: Gauge
    private let registry: PrometheusCollectorRegistry
    private let counters: Mutex<[Int: Counter]> = Mutex([:])

    init(name: String, registry: PrometheusCollectorRegistry) {
        self.name = name
        self.registry = registry
        duration = registry.makeValueHistogram(
            descriptor: .named("seed_webhooks_request_duration_seconds", help: "Time from a request's first byte until its answer is ready, in seconds."),
            labels: [("webhook", name)], buckets: ServerMetrics.durationBuckets
        )
        inFlight = registry.makeGauge(descriptor: .named("seed_webhooks_requests_in_flight", help: "Requests being handled now."), labels: [("webhook", name)])
    }

    func requests(code: Int) -> Counter {
        counters.withLock { counters in
            if let existing = counters[code] { return existing }
            let created = registry.makeCounter(descriptor: .named("seed_webhooks_requests_total", help: "Answered requests by webhook and HTTP status code."), labels: [("webhook", name), ("code", String(code))])
            counters[code] = created
            return created
        }
    }
}
