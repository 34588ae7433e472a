#if canImport(Glibc)
import Glibc
#endif
import COpenSSL
import CSystemShim
import Prometheus

/// One client connection, owned by one event loop and touched only on its thread.
///
/// The life of a request (the read → parse → handle → write path):
///
/// 1. epoll reports the socket readable; `handle(events:)` calls `readAndProcess`.
/// 2. `SSL_read` decrypts into the loop's shared read buffer (OpenSSL reads ahead, so one
///    read(2) often brings several records); a plain probe connection uses read(2).
/// 3. `process` feeds the bytes to llhttp (`HTTPParser`), which pauses after the header block —
///    header size, declared body size and `Expect` are checked there — and after each message.
/// 4. `respond` builds the `Request`, runs the route's handler synchronously on this thread,
///    counts the metrics, and encodes the answer into `output`. Pipelined requests in the same
///    read are answered one after another into the same buffer.
/// 5. The loop's write pass, after every ready connection of the turn has been read and answered,
///    calls `flush`: one `SSL_write` for everything this connection answered in the turn. Writing
///    wakes the client; done between reads, each wake-up would preempt the loop, which then pays a
///    context switch per request (about a third of the system time of a 5 KiB admission review).
///    If the socket is full, epoll waits for writability and parsing stops past `outputHighWater`.
/// 6. When HTTP says the connection ends (an error answer, `Connection: close`, draining), the
///    write side is shut after the last byte and the socket lingers briefly reading and
///    discarding, so the client reads the answer instead of a reset.
///
/// `SSL_ERROR_WANT_WRITE` from a read and `SSL_ERROR_WANT_READ` from a write are remembered and
/// retried on the opposite readiness.
final class Connection {
    let fd: Int32
    private var ssl: OpaquePointer?
    private let router: Router
    /// The loop owns this connection and outlives it (a connection is closed before its loop
    /// ends), so the reference is neither counted nor checked: each access would otherwise
    /// retain and release the loop.
    private unowned(unsafe) let loop: EventLoop
    /// The loop's `core`, which every loop shares: counting references to it from two cores
    /// would pass its cache line between them on every request.
    private unowned(unsafe) let core: ServerCore
    let slot: Int
    let generation: UInt32
    private let parser: HTTPParser
    private(set) var state: ConnectionState

    private var output: [UInt8] = []
    private var outputOffset = 0
    /// Input read while parsing was stopped for backpressure.
    private var pendingInput: [UInt8] = []
    private var readPaused = false
    private var closeAfterFlush = false
    /// After the final answer, read and discard for a moment before closing: the client may still
    /// be sending (an error cut its request short, or it pipelined past a closing answer), and
    /// closing with unread input makes the kernel reset the connection, losing the answer.
    private var lingerOnClose = false
    private var peerClosed = false
    private var readWantsWrite = false
    private var writeWantsRead = false
    private var registeredEvents: UInt32
    private var headerBytes = 0
    /// The strings of the last request answered, which the next one reuses where its bytes repeat.
    private var previousPath = ""
    private var previousQuery = ""
    private var previousHeaders: [(name: String, value: String)] = []
    /// The route of the last request's path.
    private var resolvedRoute: ResolvedRoute?
    private var requestStart: UInt64 = 0
    /// Answers are waiting in `output` for the loop's write pass at the end of this turn.
    private var flushQueued = false

    init(fd: Int32, ssl: OpaquePointer?, router: Router, loop: EventLoop, slot: Int, generation: UInt32, now: UInt64) {
        self.fd = fd
        self.ssl = ssl
        self.router = router
        self.loop = loop
        let core = loop.core
        self.core = core
        self.slot = slot
        self.generation = generation
        parser = HTTPParser(maxBodyBytes: core.limits.effectiveMaxBodyBytes, maxHeaderBytes: core.limits.effectiveMaxHeaderBytes)
        state = ConnectionState(timeouts: core.timeouts, now: now, tls: ssl != nil)
        registeredEvents = shim_EPOLLIN
    }

    var isIdle: Bool { state.isIdle && output.count == outputOffset && !parser.inMessage }

    // MARK: events

    func handle(events: UInt32) {
        if state.phase == .closed { return }
        if state.phase == .lingering {
            discardInput()
            return
        }
        if events & (shim_EPOLLERR | shim_EPOLLHUP) != 0 && events & shim_EPOLLIN == 0 {
            close()
            return
        }
        if state.phase == .handshaking {
            handshake()
            return
        }
        let readable = events & shim_EPOLLIN != 0
        let writable = events & shim_EPOLLOUT != 0
        if writable && output.count > outputOffset {
            flush()
            if state.phase == .closed || state.phase == .lingering { return }
        }
        if (readable && !writeWantsRead) || (writable && readWantsWrite) {
            readWantsWrite = false
            readAndProcess()
        } else if readable && writeWantsRead {
            writeWantsRead = false
            flush()
        }
        if state.phase != .closed && state.phase != .lingering { updateInterest() }
    }

    /// A new TLS connection accepted after its first bytes arrived (`TCP_DEFER_ACCEPT`): start the
    /// handshake at once instead of waiting for epoll to report what is already there.
    func startHandshake() {
        if state.phase == .handshaking { handshake() }
    }

    /// Another turn after `readAgain`: reads what OpenSSL still holds.
    func continueReading() {
        guard state.phase != .closed && state.phase != .lingering && state.phase != .handshaking else { return }
        readAndProcess()
        if state.phase != .closed && state.phase != .lingering { updateInterest() }
    }

    func checkTimeout(now: UInt64) {
        switch state.timeoutAction(now: now) {
        case .none:
            return
        case .close:
            close()
        case .requestTimeout:
            fail(HTTPError(408, "request timeout"))
            flush()
            if state.phase != .closed && state.phase != .lingering { updateInterest() }
        }
    }

    // MARK: TLS handshake

    private func handshake() {
        guard let ssl else { return }
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            state.handshakeCompleted(now: loop.now)
            if shim_SSL_session_reused(ssl) != 0 {
                core.metrics.handshakesResumed.increment()
            } else {
                core.metrics.handshakesNew.increment()
            }
            // The client's first request may already sit in OpenSSL's buffer; otherwise epoll
            // reports it (a read now would mostly find nothing).
            if SSL_has_pending(ssl) != 0 { readAndProcess() }
            if state.phase != .closed && state.phase != .lingering { updateInterest() }
            return
        }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ:
            setInterest(shim_EPOLLIN)
        case SSL_ERROR_WANT_WRITE:
            setInterest(shim_EPOLLOUT)
        default:
            // Counted as failed in close(), with handshakes the client abandoned.
            core.logger.debug("TLS handshake failed", metadata: ["peer": "\(peerAddress())", "error": "\(openSSLError())"])
            close()
        }
    }

    // MARK: reading

    private func readAndProcess() {
        let buffer = loop.readBuffer
        guard let base = buffer.baseAddress else { return }
        let capacity = Int32(buffer.count)
        var budget = loop.readBudget
        while !readPaused && !closeAfterFlush && state.phase != .closed {
            let count: Int
            if let ssl {
                let n = SSL_read(ssl, base, capacity)
                if n <= 0 {
                    switch SSL_get_error(ssl, n) {
                    case SSL_ERROR_WANT_READ:
                        break
                    case SSL_ERROR_WANT_WRITE:
                        readWantsWrite = true
                    case SSL_ERROR_ZERO_RETURN:
                        peerClosedInput()
                    default:
                        ERR_clear_error()
                        peerClosedInput()
                    }
                    break
                }
                count = Int(n)
            } else {
                let n = read(fd, base, buffer.count)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    if n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { peerClosedInput() }
                    break
                }
                count = n
            }
            process(UnsafeRawBufferPointer(start: base, count: count))
            let pending = ssl.map { SSL_has_pending($0) != 0 } ?? false
            budget -= count
            if budget <= 0 {
                // The loop's other connections (and its deadlines) get their turn first. Input
                // left in the socket wakes epoll again; input left in OpenSSL's buffer does not.
                if pending { loop.readAgain(slot: slot, generation: generation) }
                break
            }
            if count < buffer.count && !pending { break }
        }
        if state.phase != .closed && state.phase != .lingering { queueFlush() }
    }

    /// Leaves the answers for the loop's write pass after every ready connection has been read.
    private func queueFlush() {
        guard output.count > outputOffset else {
            flush()
            return
        }
        if !flushQueued {
            flushQueued = true
            loop.queueFlush(slot: slot, generation: generation)
        }
    }

    /// The loop's write pass.
    func flushQueuedOutput() {
        guard flushQueued else { return }
        flushQueued = false
        guard state.phase != .closed && state.phase != .lingering else { return }
        flush()
        if state.phase != .closed && state.phase != .lingering { updateInterest() }
    }

    /// The peer sent EOF (or the TLS session failed). Answers already made are still written.
    private func peerClosedInput() {
        peerClosed = true
        if parser.inMessage || output.count == outputOffset {
            // A client that left mid-request gets no answer and no log line.
            close()
        } else {
            closeAfterFlush = true
        }
    }

    /// Parses `input`, answering every request completed in it.
    private func process(_ input: UnsafeRawBufferPointer) {
        var rest = input
        // After a header block the parser runs once more even on no input, to finish a
        // bodiless message.
        var headerJustCompleted = false
        while (!rest.isEmpty || headerJustCompleted) && !closeAfterFlush {
            headerJustCompleted = false
            if state.phase == .idle {
                state.bytesReceived(now: loop.now)
                requestStart = loop.now
                headerBytes = 0
            }
            let event = parser.feed(rest)
            switch event {
            case .needMore:
                if state.phase == .readingHeader {
                    headerBytes += rest.count
                    if headerBytes > core.limits.effectiveMaxHeaderBytes {
                        fail(HTTPError(431, "request header too large"))
                        return
                    }
                }
                rest = UnsafeRawBufferPointer(rebasing: rest[rest.endIndex...])
            case .headersComplete(let consumed):
                headerBytes += consumed
                rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + consumed)...])
                if headerBytes > core.limits.effectiveMaxHeaderBytes {
                    fail(HTTPError(431, "request header too large"))
                    return
                }
                state.headerCompleted(now: loop.now)
                if parser.hasContentLength && parser.contentLength > UInt64(core.limits.effectiveMaxBodyBytes) {
                    fail(HTTPError(413, "request body too large"))
                    return
                }
                if parser.httpMajor != 1 {
                    fail(HTTPError(505, "only HTTP/1.x is served"))
                    return
                }
                if (parser.hasContentLength && parser.contentLength > 0) || parser.isChunked, expectsContinue() {
                    output.append(contentsOf: ResponseEncoder.continueResponse)
                }
                headerJustCompleted = true
            case .messageComplete(let consumed):
                rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + consumed)...])
                respond()
                if closeAfterFlush {
                    if !rest.isEmpty { lingerOnClose = true }
                    return
                }
                if output.count - outputOffset > loop.outputHighWater {
                    pendingInput.append(contentsOf: rest)
                    readPaused = true
                    return
                }
            case .bodyTooLarge:
                fail(HTTPError(413, "request body too large"))
                return
            case .headerTooLarge:
                fail(HTTPError(431, "request header too large"))
                return
            case .invalid:
                fail(HTTPError(400, "malformed HTTP request"))
                return
            }
        }
    }

    private func expectsContinue() -> Bool {
        for field in parser.fields {
            let name = parser.headerStorage[field.nameStart..<field.nameEnd]
            if asciiEqualsIgnoringCase(name, "expect") {
                return asciiEqualsIgnoringCase(parser.headerStorage[field.nameEnd..<field.valueEnd], "100-continue")
            }
        }
        return false
    }

    // MARK: answering

    private func respond() {
        var request = makeRequest()
        let resolved = resolve(request.path)
        let metrics = resolved.metrics
        metrics.inFlight.increment()
        let response = router.respond(to: request, resolved: resolved)
        metrics.inFlight.decrement()
        let keepAlive = parser.shouldKeepAlive && !core.draining.load(ordering: .relaxed) && !parser.upgradeRequested && !peerClosed
        ResponseEncoder.encode(response, close: !keepAlive, omitBody: parser.isHead, into: &output)
        resolved.requests(code: response.status).increment()
        let end = monotonicNanos()
        metrics.duration.record(Double(end &- requestStart) / 1e9)
        if core.logsRequests {
            core.logger.debug("request", metadata: [
                "method": "\(request.method)", "path": "\(request.path)", "status": "\(response.status)",
                "webhook": "\(metrics.name)", "peer": "\(peerAddress())",
            ])
        }
        parser.clearMessage()
        parser.recycleBody(&request.body)
        previousPath = request.path
        previousQuery = request.query
        previousHeaders = request.headers
        state.requestCompleted(now: loop.now)
        if !keepAlive {
            closeAfterFlush = true
            // A client that asked to close sends nothing more; one that expected to keep the
            // connection (draining, upgrade) may have more requests on the way.
            lingerOnClose = parser.shouldKeepAlive
        }
    }

    /// The route for a path and its metrics. A connection keeps calling one endpoint
    /// (kube-apiserver holds one per webhook), so the last one is kept and the two dictionary
    /// lookups (each hashing a string) are skipped while the path stays the same.
    private func resolve(_ path: String) -> ResolvedRoute {
        if let last = resolvedRoute, last.path == path { return last }
        let route = router.route(for: path)
        let resolved = ResolvedRoute(path: path, route: route, metrics: core.metrics(for: route))
        resolvedRoute = resolved
        return resolved
    }

    /// The request as handlers see it. A client on a kept-alive connection (kube-apiserver) sends
    /// the same target and header lines again and again: strings whose bytes repeat those of the
    /// connection's previous request are that request's strings, not new ones. The bytes are
    /// compared in place, so a repeated field costs no string.
    private func makeRequest() -> Request {
        var path: String
        var query = ""
        (path, query) = parser.url.withUnsafeBufferPointer { url in
            guard let mark = url.firstIndex(of: UInt8(ascii: "?")) else { return (reuse(previousPath, url), "") }
            return (reuse(previousPath, UnsafeBufferPointer(rebasing: url[..<mark])),
                    reuse(previousQuery, UnsafeBufferPointer(rebasing: url[(mark + 1)...])))
        }
        if path.isEmpty { path = "/" }
        var headers: [(name: String, value: String)] = []
        swap(&headers, &previousHeaders)
        let fields = parser.fields
        if headers.count > fields.count { headers.removeSubrange(fields.count...) }
        parser.headerStorage.withUnsafeBufferPointer { storage in
            for i in fields.indices {
                let field = fields[i]
                let name = UnsafeBufferPointer(rebasing: storage[field.nameStart..<field.nameEnd])
                let value = trimmed(UnsafeBufferPointer(rebasing: storage[field.nameEnd..<field.valueEnd]))
                if i < headers.count {
                    // Assigning only what changed keeps the unchanged strings.
                    if !same(headers[i].name, name) { headers[i].name = string(name) }
                    if !same(headers[i].value, value) { headers[i].value = string(value) }
                } else {
                    headers.append((string(name), string(value)))
                }
            }
        }
        return Request(method: HTTPMethods.name(parser.method), path: path, query: query, headers: headers, body: parser.takeBody())
    }

    /// Answers `error` (no input echoed), closes after it, and stops parsing.
    private func fail(_ error: HTTPError) {
        let metrics = core.unknownRouteMetrics
        metrics.requests(code: error.status).increment()
        ResponseEncoder.encode(error.response, close: true, omitBody: false, into: &output)
        closeAfterFlush = true
        lingerOnClose = true
        readPaused = true
    }

    // MARK: writing

    private func flush() {
        while outputOffset < output.count {
            let remaining = output.count - outputOffset
            let written: Int = output.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress?.advanced(by: outputOffset) else { return 0 }
                if let ssl {
                    let n = SSL_write(ssl, base, Int32(clamping: remaining))
                    if n > 0 { return Int(n) }
                    switch SSL_get_error(ssl, n) {
                    case SSL_ERROR_WANT_WRITE: return 0
                    case SSL_ERROR_WANT_READ:
                        writeWantsRead = true
                        return 0
                    default:
                        ERR_clear_error()
                        return -1
                    }
                }
                let n = write(fd, base, remaining)
                if n > 0 { return n }
                if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return 0 }
                return -1
            }
            if written < 0 {
                close()
                return
            }
            if written == 0 {
                state.writeBlocked(now: loop.now)
                updateInterest()
                return
            }
            outputOffset += written
        }
        if output.capacity > 1 << 20 { output = [] } else { output.removeAll(keepingCapacity: true) }
        outputOffset = 0
        state.writeCompleted()
        if closeAfterFlush {
            finish()
            return
        }
        if readPaused {
            readPaused = false
            var input: [UInt8] = []
            swap(&input, &pendingInput)
            input.withUnsafeBytes { process($0) }
            if !readPaused && !closeAfterFlush && state.phase != .closed {
                // More may wait in OpenSSL's buffer, which epoll cannot see.
                readAndProcess()
                return
            }
            if output.count > outputOffset { flush() }
        }
    }

    /// After the final answer: TLS close_notify, then either close, or (`lingerOnClose`) shut the
    /// write side and linger reading so the client gets the answer rather than a reset caused by
    /// its unread bytes.
    private func finish() {
        if peerClosed {
            close()
            return
        }
        if let ssl { _ = SSL_shutdown(ssl); ERR_clear_error() }
        if !lingerOnClose {
            close()
            return
        }
        _ = shutdown(fd, shim_SHUT_WR)
        state.startLingering(now: loop.now)
        setInterest(shim_EPOLLIN)
    }

    private func discardInput() {
        let buffer = loop.readBuffer
        var budget = loop.readBudget
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n > 0 {
                // Input left over wakes epoll again; meanwhile the others get their turn.
                budget -= n
                if budget <= 0 { return }
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            close()
            return
        }
    }

    // MARK: epoll interest and closing

    private func updateInterest() {
        var events: UInt32 = 0
        if (!readPaused && !closeAfterFlush) || writeWantsRead { events |= shim_EPOLLIN }
        if (output.count > outputOffset && !flushQueued) || readWantsWrite { events |= shim_EPOLLOUT }
        setInterest(events)
    }

    private func setInterest(_ events: UInt32) {
        guard events != registeredEvents else { return }
        registeredEvents = events
        _ = shim_epoll_ctl(loop.epollFD, 2, fd, events, loop.tag(slot: slot, generation: generation))
    }

    func close() {
        guard state.phase != .closed else { return }
        if state.phase == .handshaking { core.metrics.handshakesFailed.increment() }
        state.closed()
        if let ssl {
            SSL_free(ssl)
            self.ssl = nil
        }
        Glibc.close(fd)
        loop.connectionClosed(slot: slot)
    }

    private func peerAddress() -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        buffer.withUnsafeMutableBufferPointer { shim_peer_address(fd, $0.baseAddress, $0.count) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

@inline(__always)
private func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
}

/// `old` when it is exactly these bytes, else a new string of them.
@inline(__always)
private func reuse(_ old: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
    same(old, bytes) ? old : string(bytes)
}

/// Whether a string's UTF-8 is exactly these bytes (read in place, `withBytes`).
@inline(__always)
private func same(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard text.utf8.count == bytes.count else { return false }
    if bytes.isEmpty { return true }
    return withBytes(text) { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
}

/// Strips the optional whitespace around a field value (RFC 9110 §5.5).
private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
    while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
}

func asciiEqualsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
    guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
    let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
    var i = 0
    for byte in bytes {
        let lowered = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
        if lowered != expected[i] { return false }
        i += 1
    }
    return true
}
