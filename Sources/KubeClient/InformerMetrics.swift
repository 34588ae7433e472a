import Foundation
import Prometheus

/// Per-kind metrics of the informers.
///
/// * `seed_webhooks_garden_watch_restarts_total{resource,reason}`: watches that ended and were
///   started again; reason `timeout` (the server ended it), `expired` (410, re-list), `error`
///   (a failed request or a dropped connection), `stalled` (no data within the inactivity timeout);
/// * `seed_webhooks_garden_events_total{resource,type}`: events applied (ADDED, MODIFIED, DELETED,
///   BOOKMARK; re-list differences count as the events they become);
/// * `seed_webhooks_garden_last_event_timestamp_seconds{resource}` and `…_last_event_age_seconds`:
///   when the last event or bookmark arrived, and how long ago (refreshed every few seconds);
/// * `seed_webhooks_garden_list_duration_seconds{resource}`: a complete (paginated) list;
/// * `seed_webhooks_garden_objects{resource}`: objects currently known.
public final class InformerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "seed_webhooks", subsystem: "garden", metricName: metric, unitName: unit, helpText: help)
    }

    func restarts(_ kind: ResourceKind, _ reason: String) -> Counter {
        registry.makeCounter(descriptor: Self.name("watch_restarts", "total", "Watches that ended and were started again, by reason."), labels: [("resource", kind.description), ("reason", reason)])
    }

    func events(_ kind: ResourceKind, _ type: String) -> Counter {
        registry.makeCounter(descriptor: Self.name("events", "total", "Object events applied to the graph, by type."), labels: [("resource", kind.description), ("type", type)])
    }

    func lastEventTimestamp(_ kind: ResourceKind) -> Gauge {
        registry.makeGauge(descriptor: Self.name("last_event_timestamp", "seconds", "When the last event or bookmark arrived (Unix time)."), labels: [("resource", kind.description)])
    }

    func lastEventAge(_ kind: ResourceKind) -> Gauge {
        registry.makeGauge(descriptor: Self.name("last_event_age", "seconds", "Seconds since the last event or bookmark arrived."), labels: [("resource", kind.description)])
    }

    func objects(_ kind: ResourceKind) -> Gauge {
        registry.makeGauge(descriptor: Self.name("objects", "", "Objects currently known."), labels: [("resource", kind.description)])
    }

    func listDuration(_ kind: ResourceKind) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: Self.name("list_duration", "seconds", "Duration of a complete paginated list."), labels: [("resource", kind.description)],
            buckets: [.milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                      .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60)])
    }
}
