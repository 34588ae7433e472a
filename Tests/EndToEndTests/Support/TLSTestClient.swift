#if canImport(Glibc)
import Glibc
#endif
import COpenSSL
import CSystemShim

/// A blocking OpenSSL client for end-to-end tests: connects, handshakes (with chosen ALPN offers,
/// optional client certificate, optional session to resume), sends raw bytes, and reads HTTP/1.1
/// responses. Every read has a timeout so a broken server fails the test instead of hanging it.
final class TLSTestClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A TLS session saved from one connection to resume on another.
    final class Session: @unchecked Sendable {
        // `@unchecked Sendable`: an SSL_SESSION is reference-counted and immutable once saved.
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { SSL_SESSION_free(pointer) }
    }

    /// One parsed response.
    struct Response: Equatable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        static func == (a: Response, b: Response) -> Bool {
            a.status == b.status && a.body == b.body && a.headers.map { "\($0.name): \($0.value)" } == b.headers.map { "\($0.name): \($0.value)" }
        }
    }

    let fd: Int32
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private var buffered: [UInt8] = []

    init(
        host: String = "127.0.0.1", port: Int, caFile: String, alpn: [String] = ["http/1.1"],
        clientCertFile: String? = nil, clientKeyFile: String? = nil, session: Session? = nil,
        serverName: String? = nil, maxVersion: Int32? = nil, timeoutMillis: Int32 = 5000
    ) throws {
        // Writing to a socket the server closed must fail the call, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw Failure("SSL_CTX_new") }
        self.context = context
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
            SSL_CTX_free(context)
            throw Failure("cannot load CA \(caFile)")
        }
        if let maxVersion { _ = shim_SSL_CTX_set_max_proto_version(context, maxVersion) }
        if let clientCertFile, let clientKeyFile {
            guard SSL_CTX_use_certificate_chain_file(context, clientCertFile) == 1,
                  SSL_CTX_use_PrivateKey_file(context, clientKeyFile, SSL_FILETYPE_PEM) == 1 else {
                SSL_CTX_free(context)
                throw Failure("cannot load client certificate")
            }
        }
        if !alpn.isEmpty {
            var wire: [UInt8] = []
            for protocolName in alpn {
                wire.append(UInt8(protocolName.utf8.count))
                wire.append(contentsOf: protocolName.utf8)
            }
            _ = wire.withUnsafeBufferPointer { SSL_CTX_set_alpn_protos(context, $0.baseAddress, UInt32($0.count)) }
        }
        let fd = shim_connect_tcp(host, UInt16(port))
        guard fd >= 0 else {
            SSL_CTX_free(context)
            throw Failure("connect to \(host):\(port) failed: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        _ = shim_set_timeouts(fd, timeoutMillis)
        guard let ssl = SSL_new(context) else {
            close(fd)
            SSL_CTX_free(context)
            throw Failure("SSL_new")
        }
        self.ssl = ssl
        _ = SSL_set_fd(ssl, fd)
        if let serverName { _ = shim_SSL_set_tlsext_host_name(ssl, serverName) }
        if let session { _ = SSL_set_session(ssl, session.pointer) }
        let result = SSL_connect(ssl)
        guard result == 1 else {
            let code = SSL_get_error(ssl, result)
            let reason = Self.errorText()
            // Every stored property is set, so deinit frees them.
            throw Failure("TLS handshake failed (SSL error \(code)): \(reason)")
        }
    }

    deinit {
        SSL_free(ssl)
        close(fd)
        SSL_CTX_free(context)
    }

    /// The protocol the server selected through ALPN, or nil.
    var negotiatedALPN: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBufferPointer { shim_SSL_get_alpn_selected(ssl, $0.baseAddress, Int32($0.count)) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The negotiated protocol version, e.g. "TLSv1.3".
    var protocolVersion: String { String(cString: SSL_get_version(ssl)) }

    var sessionReused: Bool { shim_SSL_session_reused(ssl) != 0 }

    /// The session to resume later (TLS 1.3 tickets arrive after the handshake: read a response first).
    var session: Session? { SSL_get1_session(ssl).map(Session.init) }

    /// The server certificate's subject common name.
    var peerCommonName: String? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        guard let name = X509_get_subject_name(certificate) else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        let count = X509_NAME_get_text_by_NID(name, NID_commonName, &buffer, Int32(buffer.count))
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: sending

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress?.advanced(by: offset), Int32(bytes.count - offset)) }
            guard n > 0 else { throw Failure("SSL_write failed: \(SSL_get_error(ssl, n)) \(Self.errorText())") }
            offset += Int(n)
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// A complete request with Content-Length (when a body is given) and `Host`.
    func sendRequest(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8) + (body ?? []))
    }

    /// Sends a request and reads its response.
    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws -> Response {
        try sendRequest(method, target, headers: headers, body: body)
        return try readResponse()
    }

    // MARK: reading

    /// Reads some bytes; empty at EOF (or when the peer reset). Throws on timeout.
    func readSome() throws -> [UInt8] {
        if !buffered.isEmpty {
            defer { buffered.removeAll() }
            return buffered
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
        if n > 0 { return Array(chunk[0..<Int(n)]) }
        let code = SSL_get_error(ssl, n)
        if code == SSL_ERROR_ZERO_RETURN { return [] }
        if code == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK) { throw Failure("read timed out") }
        _ = Self.errorText()
        return []
    }

    /// Reads until the peer closes; returns everything read.
    func readUntilClosed() throws -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let chunk = try readSome()
            if chunk.isEmpty { return all }
            all.append(contentsOf: chunk)
        }
    }

    /// True when the server has closed the connection (EOF, nothing more to read).
    func isClosedByServer() throws -> Bool {
        try readSome().isEmpty
    }

    /// Reads one response framed by Content-Length (or to EOF without it).
    func readResponse() throws -> Response {
        var data = buffered
        buffered = []
        func fill() throws -> Bool {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
            if n > 0 {
                data.append(contentsOf: chunk[0..<Int(n)])
                return true
            }
            let code = SSL_get_error(ssl, n)
            if code == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK) { throw Failure("read timed out") }
            _ = Self.errorText()
            return false
        }
        var headerEnd: Int?
        while true {
            if let end = Self.find([13, 10, 13, 10], in: data) {
                headerEnd = end
                break
            }
            guard try fill() else { throw Failure("connection closed before a response header (\(data.count) bytes read)") }
        }
        guard let headerEnd else { throw Failure("no header") }
        let head = String(decoding: data[0..<headerEnd], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst()
        let statusParts = statusLine.split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure("bad status line \(statusLine)") }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw Failure("bad header line \(line)") }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers.append((String(line[..<colon]), String(value)))
        }
        let bodyStart = headerEnd + 4
        if status == 100 {
            buffered = Array(data[bodyStart...])
            return try readResponse()
        }
        let lengthText = headers.first { $0.name.lowercased() == "content-length" }?.value
        if let lengthText, let length = Int(lengthText) {
            while data.count - bodyStart < length {
                guard try fill() else { throw Failure("connection closed inside a body") }
            }
            buffered = Array(data[(bodyStart + length)...])
            return Response(status: status, headers: headers, body: Array(data[bodyStart..<(bodyStart + length)]))
        }
        while try fill() {}
        return Response(status: status, headers: headers, body: Array(data[bodyStart...]))
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    /// Closes the TCP connection abruptly (no close_notify).
    func abort() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    static func errorText() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        buffer.withUnsafeMutableBufferPointer { shim_ssl_error_string($0.baseAddress, $0.count) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
