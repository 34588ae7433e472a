#if canImport(Glibc)
import Glibc
#endif
import CSystemShim

/// A plain TCP connection for attacks below TLS and HTTP: connecting and sending nothing, a
/// partial ClientHello, garbage instead of a ClientHello. Every read has a timeout, so a server
/// that never closes fails the test instead of hanging it.
final class RawTCPClient {
    /// How a read ended.
    enum ReadEnd: Equatable {
        /// The server closed (FIN) after the bytes read.
        case closed
        /// The server reset the connection.
        case reset
        /// Nothing happened within the client's timeout: the server kept the connection open.
        case timedOut
    }

    let fd: Int32

    init(port: Int, timeoutMillis: Int32 = 5000) throws {
        let fd = shim_connect_tcp("127.0.0.1", UInt16(port))
        guard fd >= 0 else { throw TLSTestClient.Failure("connect to 127.0.0.1:\(port) failed: \(String(cString: strerror(errno)))") }
        self.fd = fd
        _ = shim_set_timeouts(fd, timeoutMillis)
    }

    deinit { close(fd) }

    /// Writes all of `bytes`; false when the server has closed or reset the connection, or the
    /// write timed out because the server stopped reading.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool { Self.sendAll(fd, bytes) }

    /// Reads until the server closes, resets, or the timeout passes; returns what was read.
    func readUntilEnd() -> (bytes: [UInt8], end: ReadEnd) {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                all.append(contentsOf: chunk[0..<n])
                continue
            }
            if n == 0 { return (all, .closed) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return (all, .timedOut)
            default: return (all, .reset)
            }
        }
    }

    /// Writes all of `bytes` to `fd` (for a sending thread); false once the peer is gone or the
    /// write timed out.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress?.advanced(by: offset), bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Makes the coming close send a RST instead of a FIN (SO_LINGER with a zero timeout).
    static func setResetOnClose(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    /// Marks the connection to end with a RST when it is released.
    func closeWithReset() { Self.setResetOnClose(fd) }

    /// Whether bytes (or an EOF) are ready to read within `millis`.
    func isReadable(withinMillis millis: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, millis) > 0
    }
}
