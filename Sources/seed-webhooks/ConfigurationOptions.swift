import ArgumentParser

/// `--config FILE` and one flag per configuration key; a flag given wins over the file.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "The YAML configuration file.")
    var config: String?

    @Option(help: "TLS listener host:port (listen).") var listen: String?
    @Option(help: "Plain-HTTP probe listener host:port; \"\" disables it (probeListen).") var probeListen: String?
    @Option(name: [.customLong("tls-cert-file"), .customLong("cert-file")], help: "PEM certificate chain (tls.certFile).") var tlsCertFile: String?
    @Option(name: [.customLong("tls-key-file"), .customLong("key-file")], help: "PEM private key (tls.keyFile).") var tlsKeyFile: String?
    @Option(name: [.customLong("tls-client-ca-file"), .customLong("client-ca")], help: "Require client certificates signed by this CA (tls.clientCAFile).") var tlsClientCAFile: String?
    @Option(help: "Lowest TLS version: 1.2 or 1.3 (tls.minVersion).") var tlsMinVersion: String?
    @Option(help: "Request header limit in bytes, 431 past it (limits.maxHeaderBytes).") var maxHeaderBytes: String?
    @Option(help: "Request body limit in bytes, 413 past it (limits.maxBodyBytes).") var maxBodyBytes: String?
    @Option(help: "Header read timeout, e.g. 10s (limits.readHeaderTimeout).") var readHeaderTimeout: String?
    @Option(help: "Body read timeout (limits.readBodyTimeout).") var readBodyTimeout: String?
    @Option(help: "Response write timeout (limits.writeTimeout).") var writeTimeout: String?
    @Option(help: "Keep-alive idle timeout; keep above 90s (limits.idleTimeout).") var idleTimeout: String?
    @Option(help: "Open connections per process (limits.maxConnections).") var maxConnections: String?
    @Option(help: "Time in-flight requests get after SIGTERM (shutdownGracePeriod).") var shutdownGracePeriod: String?
    @Option(help: "Event loops; 0 = one per core (eventLoops).") var eventLoops: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical (logLevel).") var logLevel: String?
    @Option(help: "Serve /debug/graph: true or false (enableDebugHandlers).") var enableDebugHandlers: String?
    @Option(help: "File or directory of garden manifests (state).") var state: String?
    @Option(help: "Garden cluster kubeconfig (kubeconfig).") var kubeconfig: String?
    @Option(help: "true, false or auto (authorizeWithSelectors).") var authorizeWithSelectors: String?
    @Option(help: "GEP-32 lifecycle validation: true or false (versionClassificationLifecycle).") var versionClassificationLifecycle: String?
    @Option(help: "Rewrite legacy classification into lifecycle: true or false (migrateLegacyClassification).") var migrateLegacyClassification: String?
    @Option(help: "Token-requestor class label value (tokenRequestor.class).") var tokenRequestorClass: String?
    @Option(help: "CA bundle injected into token-requestor secrets (tokenRequestor.caBundleFile).") var tokenRequestorCaBundleFile: String?
    @Option(help: "Runtime cluster Kubernetes version (trafficDistribution.kubernetesVersion).") var trafficDistributionKubernetesVersion: String?
    @Option(help: "Runtime cluster kubeconfig (trafficDistribution.kubeconfig).") var trafficDistributionKubeconfig: String?
    @Option(help: "Topology-aware routing opt-in label (trafficDistribution.label).") var trafficDistributionLabel: String?

    /// The flags given, as (configuration key, value), in the order of `ConfigurationKeys.all`.
    var overrides: [(key: String, value: String)] {
        let given: [(String, String?)] = [
            ("listen", listen), ("probeListen", probeListen),
            ("tls.certFile", tlsCertFile), ("tls.keyFile", tlsKeyFile), ("tls.clientCAFile", tlsClientCAFile),
            ("tls.minVersion", tlsMinVersion),
            ("limits.maxHeaderBytes", maxHeaderBytes), ("limits.maxBodyBytes", maxBodyBytes),
            ("limits.readHeaderTimeout", readHeaderTimeout), ("limits.readBodyTimeout", readBodyTimeout),
            ("limits.writeTimeout", writeTimeout), ("limits.idleTimeout", idleTimeout),
            ("limits.maxConnections", maxConnections),
            ("shutdownGracePeriod", shutdownGracePeriod), ("eventLoops", eventLoops), ("logLevel", logLevel),
            ("enableDebugHandlers", enableDebugHandlers), ("state", state), ("kubeconfig", kubeconfig),
            ("authorizeWithSelectors", authorizeWithSelectors),
            ("versionClassificationLifecycle", versionClassificationLifecycle),
            ("migrateLegacyClassification", migrateLegacyClassification),
            ("tokenRequestor.class", tokenRequestorClass), ("tokenRequestor.caBundleFile", tokenRequestorCaBundleFile),
            ("trafficDistribution.kubernetesVersion", trafficDistributionKubernetesVersion),
            ("trafficDistribution.kubeconfig", trafficDistributionKubeconfig),
            ("trafficDistribution.label", trafficDistributionLabel),
        ]
        return given.compactMap { key, value in value.map { (key, $0) } }
    }

    /// The configuration these options select (file, then flags), validated.
    func load() throws(ConfigurationError) -> Configuration {
        try ConfigurationLoader.load(file: config, overrides: overrides)
    }
}
