import Foundation

/// Stops a blocked client from another thread: `cancel()` marks it and shuts the current socket
/// down, which wakes the owner's poll(2); the owner then sees `isCancelled` and closes the socket.
///
/// `@unchecked Sendable`: every field is read and written under `lock`.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSCondition()
    private var cancelled = false
    private var socket: Int32 = -1

    public init() {}

    public var isCancelled: Bool { lock.withLock { cancelled } }

    public func cancel() {
        lock.withLock {
            cancelled = true
            if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) }
            lock.broadcast()
        }
    }

    /// Sleeps `seconds` unless cancelled first; returns false when cancelled.
    public func sleep(_ seconds: Double) -> Bool {
        let end = Date(timeIntervalSinceNow: seconds)
        lock.lock()
        defer { lock.unlock() }
        while !cancelled {
            if !lock.wait(until: end) { return !cancelled }
        }
        return false
    }

    /// Registers the socket the owner is blocked on (or -1); false if already cancelled.
    func attach(_ fd: Int32) -> Bool {
        lock.withLock {
            socket = fd
            return !cancelled
        }
    }

    /// Forces the current socket to fail without cancelling (used to drop a stalled stream).
    func interrupt() {
        lock.withLock { if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) } }
    }
}
