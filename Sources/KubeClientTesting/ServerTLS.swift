import COpenSSL
import CSystemShim
import Foundation

/// The server side of TLS for the test API server: certificate and key from files, optional
/// client-certificate verification.
///
/// `@unchecked Sendable`: configured once in `init`, afterwards only used by `SSL_new`.
final class ServerTLS: @unchecked Sendable {
    let context: OpaquePointer

    init(certificateFile: String, keyFile: String, clientCAFile: String?) throws {
        guard let ctx = SSL_CTX_new(TLS_server_method()) else { throw TestServerError("SSL_CTX_new failed") }
        context = ctx
        _ = shim_SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION)
        guard SSL_CTX_use_certificate_chain_file(ctx, certificateFile) == 1,
              SSL_CTX_use_PrivateKey_file(ctx, keyFile, SSL_FILETYPE_PEM) == 1 else {
            throw TestServerError("cannot load \(certificateFile) / \(keyFile)")
        }
        if let clientCAFile {
            guard SSL_CTX_load_verify_locations(ctx, clientCAFile, nil) == 1 else { throw TestServerError("cannot load \(clientCAFile)") }
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        }
    }

    deinit { SSL_CTX_free(context) }
}

struct TestServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestAPIServer {
    static func listen() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestServerError("socket failed") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Foundation.listen(fd, 128) == 0 else { close(fd); throw TestServerError("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    func acceptLoop(_ listener: Int32) {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            let admitted = lock.withLock { () -> Bool in
                if state.stopped { return false }
                state.sockets.insert(fd)
                state.statistics.connections += 1
                lock.broadcast()
                return true
            }
            if !admitted { close(fd); return }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in
                serve(fd)
                lock.withLock { _ = state.sockets.remove(fd) }
                close(fd)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
