import Prometheus

/// Gardener's admission metric: `gardener_admission_controller_rejected_resources_total
/// {operation,kind,namespace,reason}` (`pkg/admissioncontroller/metrics/metrics.go`),
/// counted once per denial. `reason` is the webhook's name.
public struct AdmissionMetrics: Sendable {
    public static let rejectedResourcesName = "gardener_admission_controller_rejected_resources_total"

    private let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    public func rejected(operation: String, kind: String, namespace: String, reason: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "gardener_admission_controller", metricName: "rejected_resources",
                                             unitName: "total", helpText: "Total number of resources rejected."),
            labels: [("operation", operation), ("kind", kind), ("namespace", namespace), ("reason", reason)]
        ).increment()
    }
}
