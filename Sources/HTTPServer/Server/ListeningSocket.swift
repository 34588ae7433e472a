#if canImport(Glibc)
import Glibc
#endif
import CSystemShim

/// Listening sockets for one address: one per event loop, all bound with `SO_REUSEPORT` so the
/// kernel spreads new connections over the loops by their 4-tuple hash.
enum ListeningSocket {
    /// Binds `count` sockets to `address`. A port that another socket already holds is refused
    /// (checked with a plain bind first, because `SO_REUSEPORT` would otherwise share it with
    /// another copy of this program). Returns the descriptors and the bound port.
    static func bind(_ address: ListenAddress, count: Int, backlog: Int32 = 1024) throws(SystemError) -> (fds: [Int32], port: UInt16) {
        var port = address.port
        if port != 0 {
            let probe = try makeSocket(address, port: port, reusePort: false)
            Glibc.close(probe)
        }
        var fds: [Int32] = []
        do throws(SystemError) {
            for _ in 0..<max(1, count) {
                let fd = try makeSocket(address, port: port, reusePort: true)
                fds.append(fd)
                if port == 0 { port = UInt16(truncatingIfNeeded: shim_local_port(fd)) }
                // Accept only once the client's first bytes (a ClientHello, a request) are there,
                // so the loop can handshake or read at once; kube-apiserver sends at once.
                _ = shim_setsockopt_int(fd, shim_IPPROTO_TCP, shim_TCP_DEFER_ACCEPT, 1)
                guard listen(fd, backlog) == 0 else { throw SystemError("listen on \(address)") }
            }
        } catch {
            for fd in fds { Glibc.close(fd) }
            throw error
        }
        return (fds, port)
    }

    private static func makeSocket(_ address: ListenAddress, port: UInt16, reusePort: Bool) throws(SystemError) -> Int32 {
        // An empty host means every address: IPv6 with V6ONLY off covers IPv4 too.
        let candidates: [(family: Int32, host: String)] = address.host.isEmpty
            ? [(shim_AF_INET6, "::"), (shim_AF_INET, "0.0.0.0")]
            : [(address.host.contains(":") ? shim_AF_INET6 : shim_AF_INET, address.host)]
        var lastError = SystemError("bind \(address)", code: EINVAL)
        for candidate in candidates {
            let fd = shim_tcp_socket(candidate.family)
            if fd < 0 {
                lastError = SystemError("socket for \(address)")
                continue
            }
            _ = shim_setsockopt_int(fd, shim_SOL_SOCKET, shim_SO_REUSEADDR, 1)
            if reusePort { _ = shim_setsockopt_int(fd, shim_SOL_SOCKET, shim_SO_REUSEPORT, 1) }
            if candidate.family == shim_AF_INET6 && address.host.isEmpty {
                _ = shim_setsockopt_int(fd, shim_IPPROTO_IPV6, shim_IPV6_V6ONLY, 0)
            }
            if shim_bind(fd, candidate.family, candidate.host, port) == 0 { return fd }
            lastError = SystemError("bind \(ListenAddress(host: address.host, port: port))")
            Glibc.close(fd)
            if lastError.code == EADDRINUSE { break }
        }
        throw lastError
    }
}
