import HTTPServer
import Logging
import Prometheus

/// The real server (TLS, event loops, llhttp) on 127.0.0.1 with an ephemeral port, serving the
/// given routes with the test certificates. `stop()` shuts it down gracefully and waits.
final class TestServer: Sendable {
    let server: HTTPServer
    let certificates: TestCertificates.Set
    var port: Int { server.port }
    var probePort: Int? { server.probePort }
    var readiness: ReadinessRegistry { server.readiness }
    var metrics: PrometheusCollectorRegistry { server.metrics }

    /// - Parameters:
    ///   - routes: the handlers under test (`/healthz`, `/readyz`, `/metrics` are added).
    ///   - limits: limits to apply; tests of timeouts pass tiny ones.
    ///   - certificates: which certificate set to serve (default: `TestCertificates.standard`).
    ///   - requireClientCertificate: ask for a client certificate signed by the set's CA.
    ///   - probe: also listen for plain HTTP probes on another ephemeral port.
    init(
        routes: [Route] = [],
        limits: ServerLimits = ServerLimits(),
        certificates: TestCertificates.Set = TestCertificates.standard,
        certFile: String? = nil,
        keyFile: String? = nil,
        requireClientCertificate: Bool = false,
        minVersion: TLSSettings.MinimumVersion = .tls12,
        probe: Bool = false,
        eventLoops: Int = 2,
        shutdownGracePeriod: Duration = .seconds(5),
        certificatePollInterval: Duration = .seconds(10),
        readiness: ReadinessRegistry = ReadinessRegistry(),
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) throws {
        self.certificates = certificates
        let configuration = ServerConfiguration(
            listen: "127.0.0.1:0",
            probeListen: probe ? "127.0.0.1:0" : "",
            tls: TLSSettings(
                certFile: certFile ?? certificates.certFile,
                keyFile: keyFile ?? certificates.keyFile,
                clientCAFile: requireClientCertificate ? certificates.caFile : "",
                minVersion: minVersion
            ),
            limits: limits,
            eventLoops: eventLoops,
            shutdownGracePeriod: shutdownGracePeriod,
            certificatePollInterval: certificatePollInterval
        )
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        server = try HTTPServer(configuration: configuration, router: Router(routes), readiness: readiness, metrics: metrics, logger: logger)
        try server.start()
    }

    /// A connected, handshaken TLS client trusting this server's CA.
    func client(
        alpn: [String] = ["http/1.1"],
        clientCertificate: Bool = false,
        session: TLSTestClient.Session? = nil
    ) throws -> TLSTestClient {
        try TLSTestClient(
            port: port, caFile: certificates.caFile, alpn: alpn,
            clientCertFile: clientCertificate ? certificates.clientCertFile : nil,
            clientKeyFile: clientCertificate ? certificates.clientKeyFile : nil,
            session: session
        )
    }

    /// Graceful shutdown; returns when the server has stopped.
    func stop(gracePeriod: Duration = .seconds(5)) {
        server.shutdown(gracePeriod: gracePeriod)
        server.waitUntilStopped()
    }

    deinit {
        server.shutdown(gracePeriod: .zero)
        server.waitUntilStopped()
    }
}
