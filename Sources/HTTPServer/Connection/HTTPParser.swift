#if canImport(Glibc)
import Glibc
#endif
import CLlhttp

/// llhttp, wrapped once (the way swift-nio's `BetterHTTPParser` does it):
///
/// * the settings are allocated once for the process and outlive every parser;
/// * callbacks capture nothing and find their parser through `llhttp_t.data`;
/// * the parser pauses after a header block and after each message, so the connection checks
///   limits before a body is read and answers pipelined requests one at a time, in order;
/// * no `lenient_*` flag is ever set (each is a request-smuggling risk), and what llhttp 8 still
///   tolerates is refused here: obs-fold (RFC 9112 §5.2) and whitespace inside a field name
///   (§5.1), both with a 400;
/// * trailer fields are counted against the header limit and dropped, never merged into the
///   header fields a handler sees (RFC 9110 §6.5.1);
/// * errors stick until `reset()`; `finish()` is called at EOF.
///
/// Only the event loop that owns the connection touches it.
final class HTTPParser {
    /// What one `feed` call stopped at.
    enum Event: Equatable {
        /// Every byte was consumed; more input is needed.
        case needMore
        /// The header block is complete (`consumed` bytes of this input were used).
        case headersComplete(consumed: Int)
        /// A whole message is complete (`consumed` bytes of this input were used).
        case messageComplete(consumed: Int)
        /// The body grew past `maxBodyBytes`.
        case bodyTooLarge
        /// The trailer section grew past `maxHeaderBytes`.
        case headerTooLarge
        /// The input is not HTTP/1.1 we accept; the reason is llhttp's, for logs only.
        case invalid(reason: String)
    }

    private var parser = llhttp_t()
    nonisolated(unsafe) private static let emptyInput = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    /// Request line and header bytes, flattened: method, URL, then names and values.
    private(set) var url: [UInt8] = []
    private(set) var headerStorage: [UInt8] = []
    /// Spans into `headerStorage`: (name start, name end, value end); a value starts at name end.
    private(set) var fields: [(nameStart: Int, nameEnd: Int, valueEnd: Int)] = []
    private var inValue = false
    private(set) var body: [UInt8] = []
    var maxBodyBytes: Int
    var maxHeaderBytes: Int
    /// Why a callback stopped llhttp; it wins over llhttp's errno.
    private var refusal: Refusal?
    private enum Refusal { case bodyTooLarge, headerTooLarge, obsFold, whitespaceInFieldName }

    /// Between the header block and the end of the message.
    private var inBody = false
    /// After the last chunk, inside the trailer section.
    private var inTrailers = false
    /// Trailer bytes so far: names and values plus the three bytes of ":" and CRLF per field.
    private var trailerBytes = 0
    /// The first trailer byte seen in the current `feed`, where the obs-fold scan starts.
    private var trailerMark: UnsafePointer<CChar>?
    /// The last byte scanned for obs-fold was a LF (the scan continues across `feed` calls).
    private var scannedLineFeed = false

    init(maxBodyBytes: Int, maxHeaderBytes: Int = ServerLimits.defaultMaxHeaderBytes) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        llhttp_init(&parser, HTTP_REQUEST, HTTPParser.settings)
        url.reserveCapacity(64)
        headerStorage.reserveCapacity(512)
        fields.reserveCapacity(16)
    }

    /// Parses `input`; stops at the first event.
    func feed(_ input: UnsafeRawBufferPointer) -> Event {
        // `data` is set per call: `self` is not moved while feeding, and no callback outlives this call.
        parser.data = Unmanaged.passUnretained(self).toOpaque()
        defer { parser.data = nil }
        // An empty input still runs llhttp: after a pause at the header it completes a bodiless
        // message without needing another byte.
        let base = input.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafePointer(HTTPParser.emptyInput)
        // Field bytes (a header block or trailers) are scanned for obs-fold; body bytes are not.
        let scanFromBase = !inBody || inTrailers
        trailerMark = nil
        let status = llhttp_execute(&parser, base, input.count)
        switch status {
        case HPE_OK:
            if let start = scanFromBase ? Optional(base) : trailerMark, containsObsFold(start, base + input.count) {
                return .invalid(reason: "obs-fold")
            }
            return .needMore
        case HPE_PAUSED:
            let consumed = consumedBytes(base: base, count: input.count)
            if let start = scanFromBase ? Optional(base) : trailerMark, containsObsFold(start, base + consumed) {
                return .invalid(reason: "obs-fold")
            }
            scannedLineFeed = false
            llhttp_resume(&parser)
            if pausedAt == .message {
                return .messageComplete(consumed: consumed)
            }
            return .headersComplete(consumed: consumed)
        default:
            switch refusal {
            case .bodyTooLarge: return .bodyTooLarge
            case .headerTooLarge: return .headerTooLarge
            case .obsFold: return .invalid(reason: "obs-fold")
            case .whitespaceInFieldName: return .invalid(reason: "whitespace in a field name")
            case nil: return .invalid(reason: String(cString: llhttp_errno_name(status)))
            }
        }
    }

    /// Whether `start..<end` (field bytes) holds a line break followed by SP or HTAB: obs-fold,
    /// which llhttp accepts and RFC 9112 §5.2 lets a server refuse. Refusing it leaves one way
    /// to read each field.
    private func containsObsFold(_ start: UnsafePointer<CChar>, _ end: UnsafePointer<CChar>) -> Bool {
        guard start < end else { return false }
        if scannedLineFeed && (start.pointee == 32 || start.pointee == 9) { return true }
        var position = start
        // memchr finds the line feeds; only the byte after each one matters.
        while let found = memchr(position, 10, end - position) {
            let next = found.assumingMemoryBound(to: CChar.self) + 1
            if next == end {
                scannedLineFeed = true
                return false
            }
            if next.pointee == 32 || next.pointee == 9 { return true }
            position = UnsafePointer(next)
        }
        scannedLineFeed = false
        return false
    }

    /// Tells the parser the peer closed. Returns false when a message was cut short.
    func finish() -> Bool {
        llhttp_finish(&parser) == HPE_OK && !inMessage
    }

    /// Forgets the completed message's data (keeping capacity) before the next one.
    func clearMessage() {
        url.removeAll(keepingCapacity: true)
        headerStorage.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        inValue = false
        if body.capacity > 1 << 16 { body = [] } else { body.removeAll(keepingCapacity: true) }
        refusal = nil
        inBody = false
        inTrailers = false
        trailerBytes = 0
        scannedLineFeed = false
    }

    /// Hands the body over, leaving an empty buffer.
    func takeBody() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &body)
        return taken
    }

    /// Takes a body back once its request is answered, so that the next body of this
    /// connection is read into the same memory instead of a new allocation. (A handler that kept
    /// the body keeps its bytes: emptying a shared array copies it first.)
    func recycleBody(_ used: inout [UInt8]) {
        guard body.capacity == 0, used.capacity <= 1 << 16 else { return }
        used.removeAll(keepingCapacity: true)
        swap(&body, &used)
    }

    private enum Pause { case headers, message }
    private var pausedAt: Pause = .headers
    /// True between a message's first byte and its completion.
    private(set) var inMessage = false
    /// An Upgrade or CONNECT request: after its answer the connection closes, because this
    /// server upgrades to nothing and the bytes that follow are not HTTP/1.1.
    var upgradeRequested: Bool { parser.upgrade != 0 }

    var method: UInt8 { parser.method }
    var isHead: Bool { parser.method == UInt8(HTTP_HEAD.rawValue) }
    var httpMinor: UInt8 { parser.http_minor }
    var httpMajor: UInt8 { parser.http_major }
    /// The declared Content-Length (valid after the header when `hasContentLength`).
    var contentLength: UInt64 { parser.content_length }
    var hasContentLength: Bool { parser.flags & UInt16(F_CONTENT_LENGTH.rawValue) != 0 }
    var isChunked: Bool { parser.flags & UInt16(F_CHUNKED.rawValue) != 0 }
    var shouldKeepAlive: Bool { llhttp_should_keep_alive(&parser) != 0 }

    private func consumedBytes(base: UnsafePointer<CChar>, count: Int) -> Int {
        guard let position = llhttp_get_error_pos(&parser) else { return count }
        let offset = base.distance(to: position)
        return offset >= 0 && offset <= count ? offset : count
    }

    // MARK: callbacks (no captures; the parser is found through `data`)

    /// Runs `body` on the parser that `feed` set as `p.data`, or answers -1 (stop) without one.
    /// The parser is borrowed, not retained: `feed` holds it for the whole llhttp call, and a
    /// retain and release per callback (about fifteen callbacks a request) is measurable.
    @inline(__always)
    private static func withOwner(_ p: UnsafeMutablePointer<llhttp_t>?, _ body: (HTTPParser) -> Int32) -> Int32 {
        guard let data = p?.pointee.data else { return -1 }
        return Unmanaged<HTTPParser>.fromOpaque(data)._withUnsafeGuaranteedRef(body)
    }

    private static func append(_ target: inout [UInt8], _ at: UnsafePointer<CChar>?, _ length: Int) {
        guard let at, length > 0 else { return }
        at.withMemoryRebound(to: UInt8.self, capacity: length) {
            target.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// Counts trailer bytes (a new field adds its ":" and CRLF); false past the header limit.
    private func countTrailer(_ length: Int, newField: Bool) -> Bool {
        trailerBytes += length + (newField ? 3 : 0)
        if trailerBytes > maxHeaderBytes {
            refusal = .headerTooLarge
            return false
        }
        if newField { inValue = false }
        return true
    }

    /// The most a body's buffer is given before its bytes arrive.
    static let bodyReservation = 64 * 1024

    /// Written once here, read-only afterwards (llhttp only reads it), so sharing it across loops is safe.
    nonisolated(unsafe) private static let settings: UnsafeMutablePointer<llhttp_settings_t> = {
        let settings = UnsafeMutablePointer<llhttp_settings_t>.allocate(capacity: 1)
        llhttp_settings_init(settings)
        settings.pointee.on_message_begin = { p in
            withOwner(p) { me in
                me.inMessage = true
                return 0
            }
        }
        settings.pointee.on_url = { p, at, length in
            withOwner(p) { me in
                append(&me.url, at, length)
                return 0
            }
        }
        settings.pointee.on_header_field = { p, at, length in
            withOwner(p) { me in
                if let at, length > 0 {
                    for i in 0..<length where at[i] == 32 || at[i] == 9 {
                        me.refusal = .whitespaceInFieldName
                        return -1
                    }
                }
                if me.inTrailers {
                    if me.trailerMark == nil { me.trailerMark = at }
                    return me.countTrailer(length, newField: !me.inValue) ? 0 : -1
                }
                if me.inValue || me.fields.isEmpty {
                    me.inValue = false
                    let start = me.headerStorage.count
                    me.fields.append((start, start, start))
                }
                append(&me.headerStorage, at, length)
                let end = me.headerStorage.count
                me.fields[me.fields.count - 1].nameEnd = end
                me.fields[me.fields.count - 1].valueEnd = end
                return 0
            }
        }
        settings.pointee.on_header_value = { p, at, length in
            withOwner(p) { me in
                if me.inTrailers {
                    me.inValue = true
                    return me.countTrailer(length, newField: false) ? 0 : -1
                }
                guard !me.fields.isEmpty else { return -1 }
                me.inValue = true
                append(&me.headerStorage, at, length)
                me.fields[me.fields.count - 1].valueEnd = me.headerStorage.count
                return 0
            }
        }
        settings.pointee.on_headers_complete = { p in
            withOwner(p) { me in
                // Room for the declared body and its slack at once, but no more than a body this
                // size is worth before its bytes arrive: a client may declare much and send little.
                if let p, p.pointee.flags & UInt16(F_CONTENT_LENGTH.rawValue) != 0, p.pointee.content_length > 0,
                   p.pointee.content_length <= UInt64(me.maxBodyBytes) {
                    me.body.reserveCapacity(min(Int(p.pointee.content_length) + Request.bodySlack, HTTPParser.bodyReservation))
                }
                me.pausedAt = .headers
                me.inBody = true
                me.inValue = false
                return Int32(HPE_PAUSED.rawValue)
            }
        }
        settings.pointee.on_chunk_header = { p in
            guard let p else { return -1 }
            return withOwner(p) { me in
                // The last chunk (size 0) is followed by the trailer section.
                if p.pointee.content_length == 0 { me.inTrailers = true }
                return 0
            }
        }
        settings.pointee.on_body = { p, at, length in
            withOwner(p) { me in
                if length > me.maxBodyBytes - me.body.count {
                    me.refusal = .bodyTooLarge
                    return -1
                }
                append(&me.body, at, length)
                return 0
            }
        }
        settings.pointee.on_message_complete = { p in
            withOwner(p) { me in
                // A body larger than the first reservation, or chunked, gets its slack now.
                if !me.body.isEmpty && me.body.capacity - me.body.count < Request.bodySlack {
                    me.body.reserveCapacity(me.body.count + Request.bodySlack)
                }
                me.inMessage = false
                me.inBody = false
                me.inTrailers = false
                me.pausedAt = .message
                return Int32(HPE_PAUSED.rawValue)
            }
        }
        return settings
    }()
}
