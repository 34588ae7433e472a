@testable import HTTPServer
import Testing

/// llhttp through `HTTPParser`: raw bytes in, events and collected fields out. Each message is
/// also fed split at every offset, which must not change the result.
struct HTTPParserTests {
    struct Parsed: Equatable {
        var url: String
        var method: String
        var headers: [String]
        var body: String
    }

    enum Outcome: Equatable {
        case messages([Parsed])
        case bodyTooLarge
        case headerTooLarge
        case invalid
    }

    /// Feeds `chunks` in order and collects every completed message.
    static func run(_ chunks: [[UInt8]], maxBodyBytes: Int = 1 << 20) -> Outcome {
        let parser = HTTPParser(maxBodyBytes: maxBodyBytes)
        var messages: [Parsed] = []
        for chunk in chunks {
            var rest = chunk[...]
            var again = true
            while !rest.isEmpty || again {
                again = false
                let event = rest.withUnsafeBytes { parser.feed($0) }
                switch event {
                case .needMore:
                    rest = rest[rest.endIndex...]
                case .headersComplete(let consumed):
                    rest = rest.dropFirst(consumed)
                    again = true
                case .messageComplete(let consumed):
                    rest = rest.dropFirst(consumed)
                    let headers = parser.fields.map { field in
                        String(decoding: parser.headerStorage[field.nameStart..<field.nameEnd], as: UTF8.self) + ": "
                            + String(decoding: parser.headerStorage[field.nameEnd..<field.valueEnd], as: UTF8.self)
                    }
                    messages.append(Parsed(
                        url: String(decoding: parser.url, as: UTF8.self), method: HTTPMethods.name(parser.method),
                        headers: headers, body: String(decoding: parser.takeBody(), as: UTF8.self)
                    ))
                    parser.clearMessage()
                case .bodyTooLarge:
                    return .bodyTooLarge
                case .headerTooLarge:
                    return .headerTooLarge
                case .invalid:
                    return .invalid
                }
            }
        }
        return .messages(messages)
    }

    /// The outcome of `raw` in one piece, checked equal to the outcome of every two-piece split.
    static func runSplitEverywhere(_ raw: String, maxBodyBytes: Int = 1 << 20, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let bytes = Array(raw.utf8)
        let whole = run([bytes], maxBodyBytes: maxBodyBytes)
        for offset in 1..<bytes.count {
            let split = run([Array(bytes[..<offset]), Array(bytes[offset...])], maxBodyBytes: maxBodyBytes)
            #expect(split == whole, "split at \(offset)", sourceLocation: sourceLocation)
        }
        return whole
    }

    @Test func parsesARequestWithContentLength() {
        let outcome = Self.runSplitEverywhere("POST /webhooks/auth/seed?timeout=5s HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
        #expect(outcome == .messages([Parsed(url: "/webhooks/auth/seed?timeout=5s", method: "POST", headers: ["Host: a", "Content-Length: 5"], body: "hello")]))
    }

    @Test func parsesPipelinedRequestsInOrder() {
        let outcome = Self.runSplitEverywhere("GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET /c HTTP/1.1\r\n\r\n")
        #expect(outcome == .messages([
            Parsed(url: "/a", method: "GET", headers: ["Host: a"], body: ""),
            Parsed(url: "/b", method: "POST", headers: ["Content-Length: 2"], body: "hi"),
            Parsed(url: "/c", method: "GET", headers: [], body: ""),
        ]))
    }

    @Test func dechunksAChunkedBody() {
        let outcome = Self.runSplitEverywhere("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nA\r\n0123456789\r\n0\r\n\r\n")
        #expect(outcome == .messages([Parsed(url: "/x", method: "POST", headers: ["Transfer-Encoding: chunked"], body: "abc0123456789")]))
    }

    @Test func keepsFoldedSplitsOfOneHeaderTogether() {
        // A header value arriving in many pieces is still one field.
        let outcome = HTTPParserTests.run("GET / HTTP/1.1\r\nX-Long: abcdef\r\n\r\n".utf8.map { [$0] })
        #expect(outcome == .messages([Parsed(url: "/", method: "GET", headers: ["X-Long: abcdef"], body: "")]))
    }

    @Test func refusesABodyOverTheLimitWhileReadingIt() {
        let outcome = Self.run([Array("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n5\r\nfghij\r\n0\r\n\r\n".utf8)], maxBodyBytes: 8)
        #expect(outcome == .bodyTooLarge)
    }

    @Test func acceptsABodyExactlyAtTheLimit() {
        let outcome = Self.run([Array("POST /x HTTP/1.1\r\nContent-Length: 8\r\n\r\n12345678".utf8)], maxBodyBytes: 8)
        #expect(outcome == .messages([Parsed(url: "/x", method: "POST", headers: ["Content-Length: 8"], body: "12345678")]))
    }

    @Test func refusesContentLengthTogetherWithChunked() {
        #expect(Self.runSplitEverywhere("POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == .invalid)
    }

    @Test func refusesTwoDifferentContentLengths() {
        #expect(Self.runSplitEverywhere("POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd") == .invalid)
    }

    @Test func refusesAHeaderWithoutColon() {
        #expect(Self.runSplitEverywhere("GET / HTTP/1.1\r\nBroken\r\n\r\n") == .invalid)
    }

    @Test func refusesWhitespaceBeforeTheColon() {
        #expect(Self.runSplitEverywhere("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == .invalid)
    }

    @Test func refusesBareLFLineEndings() {
        #expect(Self.run([Array("GET / HTTP/1.1\nHost: a\n\n".utf8)]) == .invalid)
    }

    @Test func refusesAnInvalidChunkSize() {
        #expect(Self.runSplitEverywhere("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == .invalid)
    }

    @Test func everyByteValueAsTheMethodNeverTraps() {
        for byte in UInt8.min...UInt8.max {
            var raw: [UInt8] = [byte]
            raw += Array("ET / HTTP/1.1\r\n\r\n".utf8)
            _ = Self.run([raw])
        }
    }

    @Test func everyByteValueInAHeaderValueNeverTraps() {
        for byte in UInt8.min...UInt8.max {
            var raw = Array("GET / HTTP/1.1\r\nX: a".utf8)
            raw.append(byte)
            raw += Array("b\r\n\r\n".utf8)
            _ = Self.run([raw])
        }
    }

    @Test func finishReportsAMessageCutShort() {
        let parser = HTTPParser(maxBodyBytes: 100)
        let bytes = Array("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc".utf8)
        var rest = bytes[...]
        while !rest.isEmpty {
            switch rest.withUnsafeBytes({ parser.feed($0) }) {
            case .headersComplete(let consumed): rest = rest.dropFirst(consumed)
            default: rest = rest[rest.endIndex...]
            }
        }
        #expect(parser.finish() == false)
    }

    /// A body comes with `Request.bodySlack` bytes of spare capacity, whether declared or chunked,
    /// whole or in pieces, in a fresh buffer or a recycled one.
    @Test func bodyHasSpareCapacity() {
        let parser = HTTPParser(maxBodyBytes: 1 << 20)
        for (length, chunked) in [(1, false), (100, false), (5_126, false), (70_000, false), (5_126, false), (3_000, true), (90_000, true)] {
            let body = [UInt8](repeating: UInt8(ascii: "x"), count: length)
            let raw = chunked
                ? Array("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\(String(length, radix: 16))\r\n".utf8) + body + Array("\r\n0\r\n\r\n".utf8)
                : Array("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: \(length)\r\n\r\n".utf8) + body
            var rest = raw[...]
            var taken: [UInt8]?
            while taken == nil {
                // Pieces of at most 1,000 bytes, as a slow client sends them.
                let piece = rest.prefix(1_000)
                let event = piece.withUnsafeBytes { parser.feed($0) }
                switch event {
                case .needMore: rest = rest.dropFirst(piece.count)
                case .headersComplete(let consumed): rest = rest.dropFirst(consumed)
                case .messageComplete(let consumed):
                    rest = rest.dropFirst(consumed)
                    taken = parser.takeBody()
                default: Issue.record("unexpected \(event)"); return
                }
            }
            var got = taken!
            #expect(got == body)
            #expect(got.capacity >= length + Request.bodySlack, "\(length): capacity \(got.capacity)")
            parser.clearMessage()
            parser.recycleBody(&got)
        }
    }

    /// A declared length is not memory: before the bytes arrive, a body's buffer gets at most
    /// `bodyReservation` bytes, however large the declared body.
    @Test func declaredLengthReservesBoundedMemory() {
        let parser = HTTPParser(maxBodyBytes: 8 << 20)
        let head = Array("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 8000000\r\n\r\n0123456789".utf8)
        var rest = head[...]
        while !rest.isEmpty {
            switch rest.withUnsafeBytes({ parser.feed($0) }) {
            case .headersComplete(let consumed): rest = rest.dropFirst(consumed)
            case .needMore: rest = rest[rest.endIndex...]
            case let event: Issue.record("unexpected \(event)"); return
            }
        }
        #expect(parser.body.count == 10)
        #expect(parser.body.capacity <= HTTPParser.bodyReservation + 64, "capacity \(parser.body.capacity)")
    }
}
