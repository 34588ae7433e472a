#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Logging
import Prometheus
import Synchronization

/// A TLS HTTP/1.1 server: `start()` binds the listeners and runs one event loop per core,
/// `shutdown()` drains it, `waitUntilStopped()` blocks until it has. The router's handlers run
/// on the loops; `/healthz`, `/readyz` and `/metrics` are added to it (and served alone on the
/// optional plain-HTTP probe listener).
///
/// Components share three things through it: `readiness` (named conditions that hold `/readyz`
/// at 503), `metrics` (the Prometheus registry `/metrics` renders) and shutdown hooks.
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    public let readiness: ReadinessRegistry
    public let metrics: PrometheusCollectorRegistry
    public let certificates: CertificateStore
    private let logger: Logger
    private let core: ServerCore
    private let loops: [EventLoop]
    private let state = Mutex(LifeState())

    private struct LifeState {
        var started = false
        var shuttingDown = false
        var hooksRun = false
        var port: Int = 0
        var probePort: Int?
        var hooks: [@Sendable () -> Void] = []
        var reloadHooks: [@Sendable () -> Void] = []
    }

    /// Prepares a server: loads the certificate (a `TLSError` names the file that is wrong) and
    /// creates the loops. Nothing listens until `start()`.
    public init(
        configuration: ServerConfiguration,
        router: Router,
        readiness: ReadinessRegistry = ReadinessRegistry(),
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger = Logger(label: "seed-webhooks.http")
    ) throws {
        self.configuration = configuration
        self.readiness = readiness
        self.metrics = metrics
        self.logger = logger
        _ = try ListenAddress(parsing: configuration.listen)
        if !configuration.probeListen.isEmpty { _ = try ListenAddress(parsing: configuration.probeListen) }
        certificates = try CertificateStore(settings: configuration.tls, metrics: metrics, logger: logger)
        let builtins = BuiltinRoutes.routes(readiness: readiness, metrics: metrics)
        var full = router
        for route in builtins where full.route(for: route.path) == nil { full.add(route) }
        core = ServerCore(
            router: full, probeRouter: Router(builtins), limits: configuration.limits,
            certificates: certificates, metrics: ServerMetrics(registry: metrics), logger: logger
        )
        var loops: [EventLoop] = []
        for index in 0..<configuration.effectiveEventLoops {
            loops.append(try EventLoop(index: index, core: core))
        }
        self.loops = loops
    }

    /// Binds the listeners and starts the loops and the certificate watch.
    public func start() throws {
        // OpenSSL writes to sockets with write(2); a peer that has gone must cost an EPIPE, not
        // the process (Linux has no per-socket SO_NOSIGPIPE).
        signal(SIGPIPE, SIG_IGN)
        try state.withLock { state in
            precondition(!state.started, "HTTPServer.start called twice")
            let address = try ListenAddress(parsing: configuration.listen)
            let (fds, port) = try ListeningSocket.bind(address, count: loops.count)
            var probePort: Int?
            var probeFD: Int32?
            if !configuration.probeListen.isEmpty {
                let probeAddress = try ListenAddress(parsing: configuration.probeListen)
                do {
                    let (probeFDs, bound) = try ListeningSocket.bind(probeAddress, count: 1)
                    probeFD = probeFDs[0]
                    probePort = Int(bound)
                } catch {
                    for fd in fds { _ = closeDescriptor(fd) }
                    throw error
                }
            }
            for (loop, fd) in zip(loops, fds) { loop.addListener(fd: fd, tls: true) }
            if let probeFD { loops[0].addListener(fd: probeFD, tls: false) }
            state.started = true
            state.port = Int(port)
            state.probePort = probePort
        }
        for loop in loops { loop.start() }
        certificates.startWatching(pollInterval: configuration.certificatePollInterval)
        logger.info("serving", metadata: [
            "listen": "\(configuration.listen)", "port": "\(port)",
            "probeListen": "\(configuration.probeListen)", "eventLoops": "\(loops.count)",
        ])
    }

    /// The bound TLS port (useful with port 0).
    public var port: Int { state.withLock { $0.port } }
    /// The bound probe port, or nil when the probe listener is disabled.
    public var probePort: Int? { state.withLock { $0.probePort } }

    /// Runs `hook` once after the server has stopped serving (in registration order).
    public func onShutdown(_ hook: @escaping @Sendable () -> Void) {
        state.withLock { $0.hooks.append(hook) }
    }

    /// Runs `hook` on every `reload()` (SIGHUP): components re-read what they load from files.
    public func onReload(_ hook: @escaping @Sendable () -> Void) {
        state.withLock { $0.reloadHooks.append(hook) }
    }

    /// What SIGHUP does: reloads the certificate, then runs the reload hooks.
    public func reload() {
        certificates.reload()
        for hook in state.withLock({ $0.reloadHooks }) { hook() }
    }

    /// Re-reads the certificate and key now; true when a new certificate was installed.
    @discardableResult
    public func reloadCertificates() -> Bool { certificates.reload() }

    /// Begins a graceful shutdown: `/readyz` turns 503, the listeners close, idle connections
    /// close, in-flight requests finish (answered with `Connection: close`), and whatever is left
    /// after `gracePeriod` (default: the configured one) is cut. Returns at once; idempotent.
    public func shutdown(gracePeriod: Duration? = nil) {
        let first = state.withLock { state in
            defer { state.shuttingDown = true }
            return !state.shuttingDown
        }
        guard first else { return }
        readiness.markNotReady("shutdown", reason: "shutting down")
        core.draining.store(true, ordering: .relaxed)
        logger.info("shutting down", metadata: ["gracePeriod": "\(gracePeriod ?? configuration.shutdownGracePeriod)"])
        for loop in loops { loop.execute { $0.beginDrain() } }
        let nanos = ServerLimits.nanos(gracePeriod ?? configuration.shutdownGracePeriod, .seconds(30))
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: nanos))) { [loops] in
            for loop in loops { loop.execute { $0.stopNow() } }
        }
    }

    /// Blocks until every loop has exited after `shutdown()`, then runs the shutdown hooks.
    public func waitUntilStopped() {
        for loop in loops { loop.waitUntilStopped() }
        certificates.stopWatching()
        let hooks = state.withLock { state in
            defer { state.hooksRun = true }
            return state.hooksRun ? [] : state.hooks
        }
        for hook in hooks { hook() }
        logger.info("stopped")
    }

    /// Open connections right now (all loops).
    public var openConnections: Int { core.openConnections.load(ordering: .relaxed) }
}
