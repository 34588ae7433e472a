/// Where a connection is in its life, and which deadline applies. A pure value: the event loop
/// reports what happened with the time it happened (nanoseconds of a monotonic clock) and carries
/// out the returned action, so every timeout is testable without sleeping.
///
/// Deadlines follow the phases of a request, as Go's server arms them: the handshake and the wait
/// for a first request share the header timeout; between keep-alive requests the idle timeout runs
/// until the next request's first byte, then the header clock starts; after the header, the body
/// clock; while a response is stuck in the socket, the write clock.
struct ConnectionState {
    enum Phase: Equatable {
        /// Accepted, TLS handshake in progress. Next: `idle` (handshake done) or `closed`.
        case handshaking
        /// Waiting for a request's first byte. Next: `readingHeader`, `closed`.
        case idle
        /// Inside a request line or header block. Next: `readingBody`, `idle` (bodiless request
        /// answered), `closed` (timeout → 408, limit → 431).
        case readingHeader
        /// Inside a body. Next: `idle` (request answered), `closed` (timeout → 408, limit → 413).
        case readingBody
        /// The final answer was sent and the write side shut; unread input is drained so the
        /// client sees the answer rather than a reset. Next: `closed`.
        case lingering
        /// Done; the socket is closed.
        case closed
    }

    /// What the loop must do when a deadline passes.
    enum TimeoutAction: Equatable {
        case none
        /// Close without an answer (idle, handshake, lingering, or a stuck write).
        case close
        /// Answer 408 Request Timeout and close.
        case requestTimeout
    }

    struct Timeouts: Equatable {
        var handshake: UInt64
        var header: UInt64
        var body: UInt64
        var write: UInt64
        var idle: UInt64
        var linger: UInt64

        init(_ limits: ServerLimits) {
            handshake = limits.handshakeTimeoutNanos
            header = limits.readHeaderTimeoutNanos
            body = limits.readBodyTimeoutNanos
            write = limits.writeTimeoutNanos
            idle = limits.idleTimeoutNanos
            linger = min(limits.writeTimeoutNanos, 1_000_000_000)
        }
    }

    private(set) var phase: Phase
    /// The read-side deadline of the current phase.
    private(set) var readDeadline: UInt64
    /// Set while output waits for the socket; it takes precedence over the read side.
    private(set) var writeDeadline: UInt64?
    let timeouts: Timeouts

    /// A new connection: TLS handshakes first; a plain one waits for its first request.
    init(timeouts: Timeouts, now: UInt64, tls: Bool) {
        self.timeouts = timeouts
        phase = tls ? .handshaking : .idle
        readDeadline = now &+ (tls ? timeouts.handshake : timeouts.header)
    }

    /// The earliest time something must happen.
    var deadline: UInt64 {
        if let writeDeadline { return min(writeDeadline, readDeadline) }
        return readDeadline
    }

    mutating func handshakeCompleted(now: UInt64) {
        guard phase == .handshaking else { return }
        phase = .idle
        // A new connection that has sent nothing yet waits no longer than for a header.
        readDeadline = now &+ timeouts.header
    }

    /// Request bytes arrived; in `idle` they start a header.
    mutating func bytesReceived(now: UInt64) {
        guard phase == .idle else { return }
        phase = .readingHeader
        readDeadline = now &+ timeouts.header
    }

    mutating func headerCompleted(now: UInt64) {
        guard phase == .readingHeader || phase == .idle else { return }
        phase = .readingBody
        readDeadline = now &+ timeouts.body
    }

    /// A request was answered; the connection waits for the next one.
    mutating func requestCompleted(now: UInt64) {
        guard phase == .readingBody || phase == .readingHeader else { return }
        phase = .idle
        readDeadline = now &+ timeouts.idle
    }

    /// Output could not all be written; the write clock runs until it is.
    mutating func writeBlocked(now: UInt64) {
        if writeDeadline == nil { writeDeadline = now &+ timeouts.write }
    }

    mutating func writeCompleted() {
        writeDeadline = nil
    }

    mutating func startLingering(now: UInt64) {
        guard phase != .closed else { return }
        phase = .lingering
        writeDeadline = nil
        readDeadline = now &+ timeouts.linger
    }

    mutating func closed() {
        phase = .closed
        writeDeadline = nil
    }

    /// Whether nothing is in progress, so a draining server may close the connection now.
    var isIdle: Bool { (phase == .idle || phase == .handshaking) && writeDeadline == nil }

    /// What to do at `now`.
    func timeoutAction(now: UInt64) -> TimeoutAction {
        if phase == .closed { return .none }
        if let writeDeadline, now >= writeDeadline { return .close }
        guard now >= readDeadline else { return .none }
        switch phase {
        case .readingHeader, .readingBody:
            // A client that stopped reading gets no answer: the write side is stuck anyway.
            return writeDeadline == nil ? .requestTimeout : .close
        case .handshaking, .idle, .lingering, .closed:
            return .close
        }
    }
}
