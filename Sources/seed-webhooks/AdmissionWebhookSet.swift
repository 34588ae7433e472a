import Logging
import Prometheus
import Webhooks

/// The admission webhooks a configuration enables: what `serve` mounts (through
/// `admissionRoutes`) and what `admit` runs offline. The CloudProfile webhooks are always on; the
/// TokenRequestor webhooks need `tokenRequestor.caBundleFile`; the traffic-distribution webhooks
/// need a runtime Kubernetes version.
struct AdmissionWebhookSet {
    /// A webhook the configuration leaves out, and why.
    struct Unavailable {
        var path: String
        var reason: String
    }

    private(set) var webhooks: [any AdmissionWebhook] = []
    private(set) var unavailable: [Unavailable] = []
    /// The CA bundle the TokenRequestor webhooks inject; `serve` watches and reloads it.
    private(set) var tokenRequestor: TokenRequestorWebhooks?

    /// - Parameters:
    ///   - clock: the time the CloudProfile lifecycle rules are evaluated at.
    ///   - trafficDistributionVersion: the runtime cluster's version when it is discovered (through
    ///     `trafficDistribution.kubeconfig`); nil uses `trafficDistribution.kubernetesVersion`.
    init(configuration: Configuration, clock: @escaping @Sendable () -> Timestamp = Timestamp.now,
         trafficDistributionVersion: (@Sendable () throws -> KubernetesVersion)? = nil,
         logger: Logger = Logger(label: "seed-webhooks.admission"), metrics: PrometheusCollectorRegistry? = nil) {
        let cloudProfiles = CloudProfileSettings(
            versionClassificationLifecycle: configuration.versionClassificationLifecycle,
            migrateLegacyClassification: configuration.migrateLegacyClassification
        )
        webhooks.append(CloudProfileValidationWebhook(settings: cloudProfiles, clock: clock))
        webhooks.append(CloudProfileMutationWebhook(settings: cloudProfiles, clock: clock))

        let tokenRequestorPaths = ["/webhooks/validate/token-requestor", "/webhooks/mutate/token-requestor"]
        if configuration.tokenRequestor.caBundleFile.isEmpty {
            unavailable += tokenRequestorPaths.map { Unavailable(path: $0, reason: "tokenRequestor.caBundleFile is not set") }
        } else {
            do {
                let tokenRequestor = try TokenRequestorWebhooks(
                    tokenRequestorClass: configuration.tokenRequestor.class, caBundleFile: configuration.tokenRequestor.caBundleFile,
                    logger: logger, metrics: metrics)
                self.tokenRequestor = tokenRequestor
                webhooks += tokenRequestor.all
            } catch {
                unavailable += tokenRequestorPaths.map { Unavailable(path: $0, reason: error.description) }
            }
        }

        let label = configuration.trafficDistribution.label
        if let trafficDistributionVersion {
            webhooks += TrafficDistributionWebhooks(optInLabel: label, kubernetesVersion: trafficDistributionVersion).all
        } else {
            do {
                webhooks += try TrafficDistributionWebhooks(optInLabel: label, kubernetesVersion: configuration.trafficDistribution.kubernetesVersion).all
            } catch {
                unavailable += ["/webhooks/validate/traffic-distribution", "/webhooks/mutate/traffic-distribution"]
                    .map { Unavailable(path: $0, reason: error.description) }
            }
        }
    }

    /// The webhook a `--webhook` argument names: the path's last two segments
    /// (`validate/cloudprofiles`), the metrics name (`validate-cloudprofiles`) or the whole path.
    func webhook(named name: String) -> (any AdmissionWebhook)? {
        webhooks.first { Self.shortName($0.path) == name || $0.name == name || $0.path == name }
    }

    /// Why a named webhook is not available, if the configuration leaves it out.
    func unavailableReason(named name: String) -> String? {
        unavailable.first { Self.shortName($0.path) == name || $0.path == name || Self.shortName($0.path).replacing("/", with: "-") == name }?.reason
    }

    /// `/webhooks/validate/cloudprofiles` → `validate/cloudprofiles`.
    static func shortName(_ path: String) -> String {
        path.split(separator: "/").suffix(2).joined(separator: "/")
    }
}
