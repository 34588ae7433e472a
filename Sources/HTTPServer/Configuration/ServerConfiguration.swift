/// What an `HTTPServer` listens on and how it behaves. The executable fills it from the
/// configuration file and flags; tests build it directly.
public struct ServerConfiguration: Sendable {
    /// The TLS listener, `host:port`; an empty host listens on every address (`":2721"`).
    public var listen: String
    /// The plain-HTTP listener for probes and Prometheus (`/healthz`, `/readyz`, `/metrics` only);
    /// empty disables it. Default `":2722"`.
    public var probeListen: String
    public var tls: TLSSettings
    public var limits: ServerLimits
    /// Event loops (threads); 0 means one per core.
    public var eventLoops: Int
    /// How long in-flight requests may take to finish after SIGTERM before connections are cut.
    public var shutdownGracePeriod: Duration
    /// How often certificate files are polled besides the file watch (which can miss a
    /// symlink swap on some volumes).
    public var certificatePollInterval: Duration

    public init(
        listen: String = ":2721",
        probeListen: String = ":2722",
        tls: TLSSettings = TLSSettings(),
        limits: ServerLimits = ServerLimits(),
        eventLoops: Int = 0,
        shutdownGracePeriod: Duration = .seconds(30),
        certificatePollInterval: Duration = .seconds(10)
    ) {
        self.listen = listen
        self.probeListen = probeListen
        self.tls = tls
        self.limits = limits
        self.eventLoops = eventLoops
        self.shutdownGracePeriod = shutdownGracePeriod
        self.certificatePollInterval = certificatePollInterval
    }

    /// The resolved loop count: `eventLoops`, or the number of online cores.
    public var effectiveEventLoops: Int {
        if eventLoops > 0 { return eventLoops }
        return max(1, ProcessorCount.online)
    }
}
