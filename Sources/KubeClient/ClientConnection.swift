import COpenSSL
import CSystemShim
import Foundation

/// One TLS connection to the API server, owned by a single thread. The socket is non-blocking
/// and every wait is a poll(2) bounded by a deadline, so connect, handshake, write and read can
/// each time out; a `Cancellation` wakes the poll from another thread.
final class ClientConnection {
    private let fd: Int32
    private let ssl: OpaquePointer
    private let cancellation: Cancellation
    private let peer: String
    private var closed = false

    /// Connects and completes the TLS handshake; every failure names the server and the cause.
    static func open(_ server: ServerURL, tls: ClientTLSContext, serverName: String?,
                     connectTimeout: Double, handshakeTimeout: Double,
                     cancellation: Cancellation) throws(KubeClientError) -> ClientConnection {
        let fd = try connectSocket(server, timeout: connectTimeout, cancellation: cancellation)
        guard let ssl = SSL_new(tls.context) else {
            Foundation.close(fd)
            throw KubeClientError("cannot create a TLS session: \(ClientTLSContext.openSSLError())")
        }
        let connection = ClientConnection(fd: fd, ssl: ssl, cancellation: cancellation, peer: server.description)
        let name = serverName ?? server.host
        let nameIsIP = IPAddress.isLiteral(name)
        if !nameIsIP { _ = name.withCString { shim_SSL_set_tlsext_host_name(ssl, $0) } }
        if tls.verifyPeer {
            let param = SSL_get0_param(ssl)
            if nameIsIP {
                _ = name.withCString { X509_VERIFY_PARAM_set1_ip_asc(param, $0) }
            } else {
                _ = name.withCString { SSL_set1_host(ssl, $0) }
            }
        }
        SSL_set_fd(ssl, fd)
        try connection.handshake(deadline: .after(handshakeTimeout))
        return connection
    }

    private init(fd: Int32, ssl: OpaquePointer, cancellation: Cancellation, peer: String) {
        self.fd = fd
        self.ssl = ssl
        self.cancellation = cancellation
        self.peer = peer
    }

    deinit { close() }

    func close() {
        if closed { return }
        closed = true
        _ = cancellation.attach(-1)
        SSL_free(ssl)
        Foundation.close(fd)
    }

    private static func connectSocket(_ server: ServerURL, timeout: Double, cancellation: Cancellation) throws(KubeClientError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(server.host, String(server.port), &hints, &list)
        guard rc == 0, let first = list else {
            throw KubeClientError("cannot resolve \(server.host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        let deadline = Deadline.after(timeout)
        var lastError = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            if fd < 0 { lastError = String(cString: strerror(errno)); continue }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            guard cancellation.attach(fd) else { Foundation.close(fd); throw KubeClientError("stopped") }
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            if errno != EINPROGRESS { lastError = String(cString: strerror(errno)); _ = cancellation.attach(-1); Foundation.close(fd); continue }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&pfd, 1, deadline.pollTimeout)
            if cancellation.isCancelled { _ = cancellation.attach(-1); Foundation.close(fd); throw KubeClientError("stopped") }
            if ready == 0 {
                _ = cancellation.attach(-1); Foundation.close(fd)
                throw KubeClientError("connecting to \(server) timed out after \(format(timeout))")
            }
            var soError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
            if soError == 0 { return fd }
            lastError = String(cString: strerror(soError))
            _ = cancellation.attach(-1)
            Foundation.close(fd)
        }
        throw KubeClientError("cannot connect to \(server): \(lastError)")
    }

    private func handshake(deadline: Deadline) throws(KubeClientError) {
        while true {
            ERR_clear_error()
            let rc = SSL_connect(ssl)
            if rc == 1 { return }
            let error = SSL_get_error(ssl, rc)
            switch error {
            case SSL_ERROR_WANT_READ: try wait(for: POLLIN, deadline: deadline, doing: "TLS handshake")
            case SSL_ERROR_WANT_WRITE: try wait(for: POLLOUT, deadline: deadline, doing: "TLS handshake")
            default:
                let verify = SSL_get_verify_result(ssl)
                if verify != X509_V_OK {
                    let reason = String(cString: X509_verify_cert_error_string(verify))
                    throw KubeClientError("TLS handshake with \(peer) failed: certificate verify failed: \(reason)")
                }
                throw KubeClientError("TLS handshake with \(peer) failed: \(describe(error))")
            }
        }
    }

    /// Writes all of `bytes` before `deadline`.
    func write(_ bytes: [UInt8], deadline: Deadline) throws(KubeClientError) {
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            let n = bytes.withUnsafeBytes { raw in
                SSL_write(ssl, raw.baseAddress! + offset, Int32(min(raw.count - offset, Int(Int32.max))))
            }
            if n > 0 { offset += Int(n); continue }
            let error = SSL_get_error(ssl, n)
            switch error {
            case SSL_ERROR_WANT_READ: try wait(for: POLLIN, deadline: deadline, doing: "writing the request")
            case SSL_ERROR_WANT_WRITE: try wait(for: POLLOUT, deadline: deadline, doing: "writing the request")
            default:
                let reason = describe(error)
                // A server that rejected the handshake (TLS 1.3 reports that after the client's
                // Finished) has usually sent an alert that says why; prefer it to "reset by peer".
                if let alert = pendingAlert() { throw KubeClientError("reading from \(peer) failed: \(alert)") }
                throw KubeClientError("writing to \(peer) failed: \(reason)")
            }
        }
    }

    /// Reads what is available into `buffer` (waiting until `deadline`); 0 means the peer closed.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(KubeClientError) -> Int {
        while true {
            ERR_clear_error()
            let n = SSL_read(ssl, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
            if n > 0 { return Int(n) }
            let error = SSL_get_error(ssl, n)
            switch error {
            case SSL_ERROR_WANT_READ: try wait(for: POLLIN, deadline: deadline, doing: "waiting for the response")
            case SSL_ERROR_WANT_WRITE: try wait(for: POLLOUT, deadline: deadline, doing: "waiting for the response")
            case SSL_ERROR_ZERO_RETURN: return 0
            case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
                if cancellation.isCancelled { throw KubeClientError("stopped") }
                return 0  // EOF without close_notify: the body framing decides whether that is complete
            default:
                if cancellation.isCancelled { throw KubeClientError("stopped") }
                throw KubeClientError("reading from \(peer) failed: \(describe(error))")
            }
        }
    }

    /// The reason of a TLS alert already received, if any.
    private func pendingAlert() -> String? {
        ERR_clear_error()
        var byte: UInt8 = 0
        let n = SSL_read(ssl, &byte, 1)
        if n > 0 { return nil }
        guard SSL_get_error(ssl, n) == SSL_ERROR_SSL else { return nil }
        let text = ClientTLSContext.openSSLError()
        return text.contains("alert") ? text : nil
    }

    private func wait(for events: Int32, deadline: Deadline, doing what: String) throws(KubeClientError) {
        var pfd = pollfd(fd: fd, events: Int16(events), revents: 0)
        while true {
            if cancellation.isCancelled { throw KubeClientError("stopped") }
            let ready = poll(&pfd, 1, deadline.pollTimeout)
            if cancellation.isCancelled { throw KubeClientError("stopped") }
            if ready > 0 { return }
            if ready == 0 { throw KubeClientError("\(what) with \(peer) timed out", status: nil) }
            if errno != EINTR { throw KubeClientError("\(what) with \(peer) failed: \(String(cString: strerror(errno)))") }
        }
    }

    private func describe(_ error: Int32) -> String {
        switch error {
        case SSL_ERROR_SSL: return ClientTLSContext.openSSLError()
        case SSL_ERROR_SYSCALL:
            if ERR_peek_error() != 0 { return ClientTLSContext.openSSLError() }
            return errno == 0 ? "connection closed" : String(cString: strerror(errno))
        case SSL_ERROR_ZERO_RETURN: return "connection closed"
        default: return "TLS error \(error)"
        }
    }
}

func format(_ seconds: Double) -> String {
    if seconds == seconds.rounded(), seconds >= 1 { return "\(Int(seconds))s" }
    return "\(Int((seconds * 1000).rounded()))ms"
}
