import Prometheus

/// `/healthz`, `/readyz` and `/metrics`, served on the TLS listener and on the probe listener.
enum BuiltinRoutes {
    static func routes(readiness: ReadinessRegistry, metrics: PrometheusCollectorRegistry) -> [Route] {
        [
            Route(["GET"], "/healthz", name: "healthz") { _ in .text(200, "ok") },
            Route(["GET"], "/readyz", name: "readyz") { _ in
                let reasons = readiness.notReadyReasons
                if reasons.isEmpty { return .text(200, "ok") }
                var text = "not ready:"
                for condition in reasons { text += "\n\(condition.name): \(condition.reason)" }
                return .text(503, text + "\n")
            },
            Route(["GET"], "/metrics", name: "metrics") { _ in
                Response(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.emitToBuffer())
            },
        ]
    }
}
