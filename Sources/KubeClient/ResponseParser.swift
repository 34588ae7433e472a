import CLlhttp

/// One HTTP/1.1 response, parsed by llhttp in HTTP_RESPONSE mode: status and headers, then the
/// body as it arrives (Content-Length, chunked, or until close), so a watch stream can be
/// consumed incrementally. Callbacks capture nothing and find this object through `llhttp_t.data`;
/// they only record, and the caller drains `body` after each `feed`, so nothing re-enters.
final class ResponseParser {
    /// Header bytes accepted before the response is refused (as the server's limit, 1 MiB).
    static let maxHeaderBytes = 1 << 20

    private(set) var status = 0
    private(set) var headers: [(name: String, value: String)] = []
    private(set) var headersComplete = false
    private(set) var messageComplete = false
    /// Body bytes parsed since the caller last emptied it.
    var body: [UInt8] = []

    private var parser: UnsafeMutablePointer<llhttp_t>
    private var settings: UnsafeMutablePointer<llhttp_settings_t>
    private var field: [UInt8] = []
    private var value: [UInt8] = []
    private var inValue = false
    private var headerBytes = 0
    private var limitExceeded = false
    /// The request was HEAD-like: the response has no body whatever its headers say.
    private let noBody: Bool

    init(noBody: Bool = false) {
        self.noBody = noBody
        parser = .allocate(capacity: 1)
        settings = .allocate(capacity: 1)
        llhttp_settings_init(settings)
        settings.pointee.on_status = { p, at, n in ResponseParser.owner(p).addHeaderBytes(n) }
        settings.pointee.on_header_field = { p, at, n in ResponseParser.owner(p).onHeaderField(at, n) }
        settings.pointee.on_header_value = { p, at, n in ResponseParser.owner(p).onHeaderValue(at, n) }
        settings.pointee.on_headers_complete = { p in ResponseParser.owner(p).onHeadersComplete() }
        settings.pointee.on_body = { p, at, n in ResponseParser.owner(p).onBody(at, n) }
        settings.pointee.on_message_complete = { p in ResponseParser.owner(p).onMessageComplete() }
        llhttp_init(parser, HTTP_RESPONSE, settings)
        parser.pointee.data = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        parser.deallocate()
        settings.deallocate()
    }

    private static func owner(_ p: UnsafeMutablePointer<llhttp_t>?) -> ResponseParser {
        // `data` is set in init before any callback can run and the parser never outlives self.
        Unmanaged<ResponseParser>.fromOpaque(p!.pointee.data).takeUnretainedValue()
    }

    /// Whether the connection may carry another request after this response (read when the
    /// message completes: llhttp resets its flags right after).
    private(set) var keepAlive = false

    /// The first header named `name` (ASCII case-insensitive).
    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Parses `bytes`; body bytes are appended to `body`.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(KubeClientError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let result = llhttp_execute(parser, base.assumingMemoryBound(to: CChar.self), bytes.count)
        try check(result)
    }

    /// The connection reached EOF: a body delimited by close is complete; anything else is truncated.
    func finish() throws(KubeClientError) {
        let result = llhttp_finish(parser)
        try check(result)
    }

    private func check(_ result: llhttp_errno_t) throws(KubeClientError) {
        if result == HPE_OK { return }
        if limitExceeded { throw KubeClientError("response headers exceed \(Self.maxHeaderBytes) bytes") }
        let reason = llhttp_get_error_reason(parser).map { String(cString: $0) } ?? "parse error"
        throw KubeClientError("malformed HTTP response: \(reason)")
    }

    private func addHeaderBytes(_ n: Int) -> Int32 {
        headerBytes += n
        if headerBytes > Self.maxHeaderBytes { limitExceeded = true; return -1 }
        return 0
    }

    private func flushHeader() {
        if !field.isEmpty || inValue {
            headers.append((String(decoding: field, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        field.removeAll(keepingCapacity: true)
        value.removeAll(keepingCapacity: true)
        inValue = false
    }

    private func onHeaderField(_ at: UnsafePointer<CChar>?, _ n: Int) -> Int32 {
        if addHeaderBytes(n) != 0 { return -1 }
        if inValue { flushHeader() }
        if let at { field.append(contentsOf: UnsafeRawBufferPointer(start: at, count: n)) }
        return 0
    }

    private func onHeaderValue(_ at: UnsafePointer<CChar>?, _ n: Int) -> Int32 {
        if addHeaderBytes(n) != 0 { return -1 }
        inValue = true
        if let at { value.append(contentsOf: UnsafeRawBufferPointer(start: at, count: n)) }
        return 0
    }

    private func onHeadersComplete() -> Int32 {
        flushHeader()
        status = Int(parser.pointee.status_code)
        headersComplete = true
        return noBody ? 1 : 0
    }

    private func onBody(_ at: UnsafePointer<CChar>?, _ n: Int) -> Int32 {
        if let at { body.append(contentsOf: UnsafeRawBufferPointer(start: at, count: n)) }
        return 0
    }

    private func onMessageComplete() -> Int32 {
        messageComplete = true
        keepAlive = llhttp_should_keep_alive(parser) != 0
        return 0
    }
}
