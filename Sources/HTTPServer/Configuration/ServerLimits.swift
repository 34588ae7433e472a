/// Every limit the server applies to a client, declared once. `ServerLimits()` alone is a valid,
/// safe configuration; each field names its unit, default, what happens past it and why that value.
/// Field names match the configuration keys under `limits:` and the command-line flags
/// (`maxHeaderBytes` ↔ `--max-header-bytes`).
///
/// A value of zero or less means "use the default", as Go's `http.Server` treats its zero values;
/// the resolved value is read through the computed `effective…` properties.
public struct ServerLimits: Sendable, Equatable {
    /// Request line plus header fields, in bytes. Default 1 MiB (Go's `DefaultMaxHeaderBytes`).
    /// Past it: `431 Request Header Fields Too Large`, then the connection closes, because the rest
    /// of an oversized header cannot be skipped safely.
    public var maxHeaderBytes: Int
    /// Request body after de-chunking, in bytes. Default 7 MiB: two 3 MiB objects (an AdmissionReview
    /// carries `object` and `oldObject`, etcd caps objects near 1.5 MiB each, JSON escaping can double
    /// them) plus 1 MiB for the envelope, as controller-runtime reasons. Past it: `413 Content Too Large`
    /// and close (a declared Content-Length is refused before the body is read).
    public var maxBodyBytes: Int
    /// Time from the first byte of a request until its header is complete. Default 10 s.
    /// Past it: `408 Request Timeout` and close. A slow-header client cannot hold a connection.
    public var readHeaderTimeout: Duration
    /// Time from the end of the header until the body is complete. Default 30 s.
    /// Past it: `408 Request Timeout` and close.
    public var readBodyTimeout: Duration
    /// Time a response may take to be written out once it is ready. Default 30 s.
    /// Past it: the connection closes (a client that does not read cannot pin memory).
    public var writeTimeout: Duration
    /// Time a keep-alive connection may wait for its next request (and a new connection for its
    /// TLS handshake and first byte). Default 120 s, longer than kube-apiserver's 90 s
    /// `IdleConnTimeout`, so the client always closes first and never races a close on reuse.
    /// Past it: the connection closes without an answer.
    public var idleTimeout: Duration
    /// Open client connections per process (the probe listener included). Default 10 000.
    /// Past it: a new connection is accepted and closed at once, and counted.
    public var maxConnections: Int

    public static let defaultMaxHeaderBytes = 1 << 20
    public static let defaultMaxBodyBytes = 7 << 20
    public static let defaultReadHeaderTimeout = Duration.seconds(10)
    public static let defaultReadBodyTimeout = Duration.seconds(30)
    public static let defaultWriteTimeout = Duration.seconds(30)
    public static let defaultIdleTimeout = Duration.seconds(120)
    public static let defaultMaxConnections = 10_000

    public init(
        maxHeaderBytes: Int = ServerLimits.defaultMaxHeaderBytes,
        maxBodyBytes: Int = ServerLimits.defaultMaxBodyBytes,
        readHeaderTimeout: Duration = ServerLimits.defaultReadHeaderTimeout,
        readBodyTimeout: Duration = ServerLimits.defaultReadBodyTimeout,
        writeTimeout: Duration = ServerLimits.defaultWriteTimeout,
        idleTimeout: Duration = ServerLimits.defaultIdleTimeout,
        maxConnections: Int = ServerLimits.defaultMaxConnections
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.readHeaderTimeout = readHeaderTimeout
        self.readBodyTimeout = readBodyTimeout
        self.writeTimeout = writeTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    public var effectiveMaxHeaderBytes: Int { maxHeaderBytes > 0 ? maxHeaderBytes : Self.defaultMaxHeaderBytes }
    public var effectiveMaxBodyBytes: Int { maxBodyBytes > 0 ? maxBodyBytes : Self.defaultMaxBodyBytes }
    public var effectiveMaxConnections: Int { maxConnections > 0 ? maxConnections : Self.defaultMaxConnections }
    var readHeaderTimeoutNanos: UInt64 { Self.nanos(readHeaderTimeout, Self.defaultReadHeaderTimeout) }
    var readBodyTimeoutNanos: UInt64 { Self.nanos(readBodyTimeout, Self.defaultReadBodyTimeout) }
    var writeTimeoutNanos: UInt64 { Self.nanos(writeTimeout, Self.defaultWriteTimeout) }
    var idleTimeoutNanos: UInt64 { Self.nanos(idleTimeout, Self.defaultIdleTimeout) }
    /// The TLS handshake shares the header deadline: the smallest positive of header and idle
    /// timeouts, as Go's `tlsHandshakeTimeout` derives it.
    var handshakeTimeoutNanos: UInt64 { min(readHeaderTimeoutNanos, idleTimeoutNanos) }
    /// How often a loop checks deadlines: a quarter of the shortest timeout, between 5 ms and 1 s.
    var timerTickNanos: UInt64 {
        let shortest = min(readHeaderTimeoutNanos, readBodyTimeoutNanos, writeTimeoutNanos, idleTimeoutNanos)
        return min(max(shortest / 4, 5_000_000), 1_000_000_000)
    }

    static func nanos(_ value: Duration, _ fallback: Duration) -> UInt64 {
        let chosen = value > .zero ? value : fallback
        let (seconds, attos) = chosen.components
        let clamped = min(seconds, 1 << 30)
        return UInt64(clamped) * 1_000_000_000 + UInt64(attos / 1_000_000_000)
    }
}
