import HTTPServer
import Logging

/// Every setting of seed-webhooks. One YAML file (`--config`) holds them; each can also be given
/// as a flag of the same name in kebab-case (`limits.maxBodyBytes` ↔ `--max-body-bytes`,
/// `tls.certFile` ↔ `--tls-cert-file`), and a flag wins over the file.
struct Configuration: Sendable {
    enum SelectorAuthorization: String, Sendable, CaseIterable {
        case `true`, `false`, auto
    }

    struct TokenRequestor: Sendable {
        /// Only secrets with `resources.gardener.cloud/class: <class>` are handled; empty: any.
        var `class` = ""
        /// The PEM CA bundle injected into token-requestor secrets.
        var caBundleFile = ""
    }

    struct TrafficDistribution: Sendable {
        /// The runtime cluster's Kubernetes version (`major.minor`).
        var kubernetesVersion = "1.34"
        /// Discover the version from this cluster's `/version` instead.
        var kubeconfig = ""
        /// The opt-in label key.
        var label = "resources.gardener.cloud/topology-aware-routing"
    }

    var listen = ":2721"
    var probeListen = ":2722"
    var tls = TLSSettings()
    var limits = ServerLimits()
    var shutdownGracePeriod: Duration = .seconds(30)
    var eventLoops = 0
    var logLevel: Logger.Level = .info
    var enableDebugHandlers = false
    /// A file or directory of manifests that make the authorizer's graph.
    var state = ""
    /// The garden cluster to list and watch instead of (or besides) `state`.
    var kubeconfig = ""
    var authorizeWithSelectors: SelectorAuthorization = .true
    var versionClassificationLifecycle = true
    var migrateLegacyClassification = false
    var tokenRequestor = TokenRequestor()
    var trafficDistribution = TrafficDistribution()

    /// The server part, as the HTTPServer target takes it.
    var server: ServerConfiguration {
        ServerConfiguration(
            listen: listen, probeListen: probeListen, tls: tls, limits: limits,
            eventLoops: eventLoops, shutdownGracePeriod: shutdownGracePeriod
        )
    }
}
