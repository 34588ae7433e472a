import COpenSSL
import Foundation
import JSON

/// One parsed request of the test server (it only needs the request line, two headers and the body).
struct TestRequest {
    var method: String
    var path: String
    var query: [String: String]
    var authorization: String?
    var body: [UInt8]
}

/// Blocking TLS I/O for one accepted connection.
final class TestConnection {
    let ssl: OpaquePointer
    private var buffer: [UInt8] = []

    init(ssl: OpaquePointer) { self.ssl = ssl }

    func readRequest() -> TestRequest? {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find(Array("\r\n\r\n".utf8), in: buffer)
            if headEnd == nil {
                if buffer.count > 1 << 16 || !fill() { return nil }
            }
        }
        guard let end = headEnd else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        var length = 0
        var authorization: String?
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length" { length = Int(value) ?? 0 }
            if name == "authorization" { authorization = value }
        }
        while buffer.count < length { if !fill() { return nil } }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        let target = String(parts[1])
        var path = target
        var query: [String: String] = [:]
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            for pair in target[target.index(after: mark)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let value = kv.count > 1 ? String(kv[1]).removingPercentEncoding ?? String(kv[1]) : ""
                query[String(kv[0])] = value
            }
        }
        return TestRequest(method: String(parts[0]), path: path, query: query, authorization: authorization, body: body)
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        let n = chunk.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
        if n <= 0 { return false }
        buffer.append(contentsOf: chunk[..<Int(n)])
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<i + needle.count]) == needle { return i }
        }
        return nil
    }

    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress! + offset, Int32(bytes.count - offset)) }
            if n <= 0 { return false }
            offset += Int(n)
        }
        return true
    }

    func respond(_ status: Int, _ body: [UInt8], contentType: String = "application/json") -> Bool {
        let head = "HTTP/1.1 \(status) \(Self.phrase(status))\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n"
        return write(Array(head.utf8) + body)
    }

    func chunk(_ data: [UInt8]) -> Bool {
        if data.isEmpty { return true }
        return write(Array((String(data.count, radix: 16) + "\r\n").utf8) + data + Array("\r\n".utf8))
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 410: return "Gone"
        default: return "Internal Server Error"
        }
    }
}

extension TestAPIServer {
    static func status(_ code: Int, reason: String, message: String) -> [UInt8] {
        JSONWriter.serialize(.object(JSONObject([
            "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object(JSONObject()),
            "status": .string("Failure"), "message": .string(message), "reason": .string(reason), "code": .number(String(code)),
        ])))
    }

    func serve(_ fd: Int32) {
        if options.neverHandshake {
            lock.withLock { while !state.stopped { lock.wait() } }
            return
        }
        guard let ssl = SSL_new(tls.context) else { return }
        defer { SSL_free(ssl) }
        SSL_set_fd(ssl, fd)
        guard SSL_accept(ssl) == 1 else {
            // Let the alert reach the client before the socket closes (an unread request would turn the close into a reset).
            shutdown(fd, Int32(SHUT_WR))
            var timeout = timeval(tv_sec: 1, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var sink = [UInt8](repeating: 0, count: 4096)
            while recv(fd, &sink, sink.count, 0) > 0 {}
            return
        }
        let connection = TestConnection(ssl: ssl)
        while let request = connection.readRequest() {
            if !handle(request, connection) { return }
        }
    }

    /// Answers one request; false closes the connection.
    private func handle(_ request: TestRequest, _ connection: TestConnection) -> Bool {
        let injected = lock.withLock { () -> Bool in
            for (prefix, count) in state.failNextRequests where count > 0 && request.path.hasPrefix(prefix) {
                state.failNextRequests[prefix] = count - 1
                return true
            }
            return false
        }
        if injected {
            return connection.respond(500, Self.status(500, reason: "InternalError", message: "injected failure"))
        }
        if let token = options.requiredToken, request.authorization != "Bearer \(token)" {
            return connection.respond(401, Self.status(401, reason: "Unauthorized", message: "Unauthorized"))
        }
        if request.method == "GET" && request.path == "/version" {
            lock.withLock { state.statistics.versionRequests += 1 }
            let body = JSONWriter.serialize(.object(JSONObject([
                "major": .string(ServerVersionText.major(options.gitVersion)), "minor": .string(ServerVersionText.minor(options.gitVersion)),
                "gitVersion": .string(options.gitVersion), "platform": .string("linux/amd64"),
            ])))
            return connection.respond(200, body)
        }
        if request.method == "POST" && request.path == "/apis/authorization.k8s.io/v1/subjectaccessreviews" {
            return subjectAccessReview(request, connection)
        }
        if request.method == "GET" && (request.path.hasPrefix("/api/") || request.path.hasPrefix("/apis/")) {
            if request.query["watch"] == "true" || request.query["watch"] == "1" {
                return watch(request, connection)
            }
            return list(request, connection)
        }
        return connection.respond(404, Self.status(404, reason: "NotFound", message: "the server could not find the requested resource"))
    }

    private func subjectAccessReview(_ request: TestRequest, _ connection: TestConnection) -> Bool {
        lock.withLock { state.statistics.selectorProbes += 1 }
        guard var review = try? JSONParser.parse(request.body), review.objectValue != nil else {
            return connection.respond(400, Self.status(400, reason: "BadRequest", message: "invalid body"))
        }
        if !options.authorizeWithSelectors {
            review["spec"]?["resourceAttributes"]?["labelSelector"] = nil
        }
        review["status"] = .object(JSONObject(["allowed": .bool(false)]))
        return connection.respond(201, JSONWriter.serialize(review))
    }

    private func list(_ request: TestRequest, _ connection: TestConnection) -> Bool {
        let limit = request.query["limit"].flatMap { Int($0) } ?? 0
        let page = lock.withLock { () -> (items: ArraySlice<[UInt8]>, rv: Int, next: String?, remaining: Int)? in
            state.statistics.listPages += 1
            var snapshotID: Int
            var offset = 0
            if let token = request.query["continue"], !token.isEmpty {
                let parts = token.split(separator: "-")
                guard parts.count == 2, let id = Int(parts[0]), let from = Int(parts[1]),
                      let snapshot = state.snapshots[id], snapshot.resourceVersion >= state.oldestValid else { return nil }
                snapshotID = id
                offset = from
            } else {
                state.statistics.lists += 1
                snapshotID = state.nextSnapshot
                state.nextSnapshot += 1
                let items = (state.collections[request.path] ?? [:]).sorted { $0.key < $1.key }.map(\.value.bytes)
                state.snapshots[snapshotID] = Snapshot(collection: request.path, resourceVersion: state.resourceVersion, items: items)
            }
            guard let snapshot = state.snapshots[snapshotID] else { return nil }
            let end = limit > 0 ? min(offset + limit, snapshot.items.count) : snapshot.items.count
            let from = min(offset, end)
            let remaining = snapshot.items.count - end
            let next: String? = remaining > 0 ? "\(snapshotID)-\(end)" : nil
            if next == nil { state.snapshots[snapshotID] = nil }
            lock.broadcast()
            return (snapshot.items[from..<end], snapshot.resourceVersion, next, remaining)
        }
        guard let page else {
            return connection.respond(410, Self.status(410, reason: "Expired", message: "The provided continue parameter is too old to display a consistent list result."))
        }
        var body = Array(#"{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":""#.utf8)
        body += Array(String(page.rv).utf8)
        body += Array("\"".utf8)
        if let next = page.next {
            body += Array(#","continue":""#.utf8) + Array(next.utf8) + Array(#"","remainingItemCount":"#.utf8) + Array(String(page.remaining).utf8)
        }
        body += Array(#"},"items":["#.utf8)
        var first = true
        for item in page.items {
            if !first { body.append(UInt8(ascii: ",")) }
            first = false
            body += item
        }
        body += Array("]}".utf8)
        return connection.respond(200, body)
    }

    private func watch(_ request: TestRequest, _ connection: TestConnection) -> Bool {
        let timeout = request.query["timeoutSeconds"].flatMap { Double($0) } ?? 1800
        let bookmarks = request.query["allowWatchBookmarks"] == "true"
        let collection = request.path
        let end = Date(timeIntervalSinceNow: timeout)
        lock.lock()
        state.statistics.watches += 1
        let generation = state.dropGeneration
        var cursor = request.query["resourceVersion"].flatMap { Int($0) } ?? state.resourceVersion
        let expired = cursor < state.oldestValid
        if expired { state.statistics.expiredWatches += 1 }
        lock.broadcast()
        let current = state.resourceVersion
        lock.unlock()
        let tooOld = Self.status(410, reason: "Expired", message: "too old resource version: \(cursor) (\(current))")
        if expired && options.expiredWatchAsHTTPStatus {
            return connection.respond(410, tooOld)
        }
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        guard connection.write(Array(head.utf8)) else { return false }
        if expired {
            return connection.chunk(Self.errorEvent(tooOld)) && connection.write(Array("0\r\n\r\n".utf8))
        }
        var nextBookmark = Date(timeIntervalSinceNow: options.bookmarkInterval)
        while true {
            var out: [UInt8] = []
            var finished = false
            var slow = false
            lock.lock()
            while true {
                if state.stopped || state.dropGeneration != generation { lock.unlock(); return false }
                if state.stalled { lock.wait(); continue }
                if cursor < state.oldestValid {
                    out = Self.errorEvent(Self.status(410, reason: "Expired", message: "too old resource version: \(cursor) (\(state.resourceVersion))"))
                    finished = true
                    break
                }
                let start = firstEvent(after: cursor)
                for event in state.history[start...] where event.collection == collection { out += event.bytes }
                if let last = state.history.last, last.resourceVersion > cursor { cursor = last.resourceVersion }
                if !out.isEmpty { break }
                let now = Date()
                if now >= end { finished = true; break }
                if bookmarks && now >= nextBookmark {
                    cursor = max(cursor, state.resourceVersion)
                    out = Array(#"{"type":"BOOKMARK","object":{"kind":"Bookmark","apiVersion":"v1","metadata":{"resourceVersion":""#.utf8)
                        + Array(String(cursor).utf8) + Array("\"}}}\n".utf8)
                    nextBookmark = Date(timeIntervalSinceNow: options.bookmarkInterval)
                    break
                }
                _ = lock.wait(until: bookmarks ? min(end, nextBookmark) : end)
            }
            slow = state.slow
            lock.unlock()
            if slow {
                var index = 0
                while index < out.count {
                    let piece = Array(out[index..<min(index + 7, out.count)])
                    guard connection.chunk(piece) else { return false }
                    index += piece.count
                    usleep(200)
                }
            } else if !connection.chunk(out) {
                return false
            }
            if finished { return connection.write(Array("0\r\n\r\n".utf8)) }
        }
    }

    /// Index of the first history event with a resourceVersion above `cursor`.
    private func firstEvent(after cursor: Int) -> Int {
        var low = 0
        var high = state.history.count
        while low < high {
            let mid = (low + high) / 2
            if state.history[mid].resourceVersion <= cursor { low = mid + 1 } else { high = mid }
        }
        return low
    }

    static func errorEvent(_ status: [UInt8]) -> [UInt8] {
        Array(#"{"type":"ERROR","object":"#.utf8) + status + Array("}\n".utf8)
    }
}

enum ServerVersionText {
    static func parts(_ git: String) -> [String] {
        git.drop { $0 == "v" }.prefix { $0.isNumber || $0 == "." }.split(separator: ".").map(String.init)
    }
    static func major(_ git: String) -> String { parts(git).first ?? "1" }
    static func minor(_ git: String) -> String { parts(git).dropFirst().first ?? "0" }
}
