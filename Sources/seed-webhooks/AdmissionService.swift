import HTTPServer
import Logging
import Prometheus
import Synchronization
import Webhooks

/// The admission webhooks of `serve`: the routes of every webhook the configuration enables, and
/// the watch that reloads the TokenRequestor CA bundle. Webhooks the configuration leaves out are
/// logged once with the reason.
enum AdmissionService {
    /// The CA-bundle watch lives as long as the process serves.
    private static let watchers = Mutex<[FileWatcher]>([])

    static func routes(configuration: Configuration, metrics: PrometheusCollectorRegistry, logger: Logger,
                       trafficDistributionVersion: (@Sendable () throws -> KubernetesVersion)? = nil) -> [Route] {
        let admissionLogger = Logger(label: "seed-webhooks.admission")
        let set = AdmissionWebhookSet(configuration: configuration, trafficDistributionVersion: trafficDistributionVersion,
                                      logger: admissionLogger, metrics: metrics)
        for missing in set.unavailable {
            logger.warning("admission webhook not served", metadata: ["path": .string(missing.path), "reason": .string(missing.reason)])
        }
        if let caBundle = set.tokenRequestor?.caBundle {
            let watcher = caBundle.watch()
            watchers.withLock { $0.append(watcher) }
        }
        return admissionRoutes(set.webhooks, metrics: AdmissionMetrics(registry: metrics), logger: admissionLogger)
    }
}
