@testable import HTTPServer
import Testing

/// What the parser refuses beyond llhttp's own checks (obs-fold, whitespace in field names,
/// oversized trailers), fed whole and split at every offset, the way bytes arrive from TLS.
struct HTTPParserHardeningTests {
    enum Outcome: Equatable {
        case requests([String])
        case invalid(String)
        case headerTooLarge
    }

    /// Feeds `chunks` the way a connection does and collects each completed request's URL and
    /// fields (`"/path name=value …"`), or how parsing stopped.
    static func parse(_ chunks: [[UInt8]], maxHeaderBytes: Int = 1 << 20) -> Outcome {
        let parser = HTTPParser(maxBodyBytes: 1 << 20, maxHeaderBytes: maxHeaderBytes)
        var requests: [String] = []
        for chunk in chunks {
            var rest = chunk[...]
            var again = true
            while again {
                again = false
                let event = rest.withUnsafeBytes { parser.feed($0) }
                switch event {
                case .needMore:
                    rest = rest[rest.endIndex...]
                case .headersComplete(let consumed):
                    rest = rest[(rest.startIndex + consumed)...]
                    again = true
                case .messageComplete(let consumed):
                    rest = rest[(rest.startIndex + consumed)...]
                    var text = String(decoding: parser.url, as: UTF8.self)
                    for field in parser.fields {
                        let name = String(decoding: parser.headerStorage[field.nameStart..<field.nameEnd], as: UTF8.self)
                        let value = String(decoding: parser.headerStorage[field.nameEnd..<field.valueEnd], as: UTF8.self)
                        text += " \(name)=\(value)"
                    }
                    if !parser.body.isEmpty { text += " body=" + String(decoding: parser.body, as: UTF8.self) }
                    requests.append(text)
                    parser.clearMessage()
                    again = !rest.isEmpty
                case .invalid(let reason):
                    return .invalid(reason)
                case .headerTooLarge:
                    return .headerTooLarge
                case .bodyTooLarge:
                    return .invalid("body too large")
                }
            }
        }
        return .requests(requests)
    }

    /// The outcome of `text` whole, and asserts every two-piece split gives the same.
    static func parseEverySplit(_ text: String, maxHeaderBytes: Int = 1 << 20) -> Outcome {
        let bytes = Array(text.utf8)
        let whole = parse([bytes], maxHeaderBytes: maxHeaderBytes)
        for cut in 1..<bytes.count {
            let split = parse([Array(bytes[..<cut]), Array(bytes[cut...])], maxHeaderBytes: maxHeaderBytes)
            #expect(split == whole, "split at \(cut)")
        }
        let bytewise = parse(bytes.map { [$0] }, maxHeaderBytes: maxHeaderBytes)
        #expect(bytewise == whole, "one byte at a time")
        return whole
    }

    @Test func obsFoldInAFieldValueIsRefusedWhereverTheInputSplits() {
        #expect(Self.parseEverySplit("GET / HTTP/1.1\r\nHost: a\r\nX-Folded: b\r\n c\r\n\r\n") == .invalid("obs-fold"))
        #expect(Self.parseEverySplit("GET / HTTP/1.1\r\nHost: a\r\nX-Folded: b\r\n\tc\r\n\r\n") == .invalid("obs-fold"))
    }

    @Test func obsFoldBeforeTheFirstValueByteIsRefused() {
        #expect(Self.parseEverySplit("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n 3\r\n\r\nabc") == .invalid("obs-fold"))
    }

    @Test func obsFoldInATrailerIsRefused() {
        let request = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-T: a\r\n b\r\n\r\n"
        #expect(Self.parseEverySplit(request) == .invalid("obs-fold"))
    }

    @Test func whitespaceBeforeTheColonIsRefused() {
        #expect(Self.parseEverySplit("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == .invalid("whitespace in a field name"))
    }

    @Test func spacesInsideValuesAndBodiesAreNotObsFold() {
        let request = "POST /a HTTP/1.1\r\nHost: a\r\nX-Spaced:  b  c \r\nContent-Length: 7\r\n\r\n\r\n a\n b" +
            "POST /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n\r\n x\r\n0\r\nX-T: v w\r\n\r\n"
        #expect(Self.parseEverySplit(request) == .requests([
            "/a Host=a X-Spaced=b  c  Content-Length=7 body=\r\n a\n b",
            "/b Host=a Transfer-Encoding=chunked body=\r\n x",
        ]))
    }

    @Test func trailersAreDroppedNotMergedIntoTheHeaders() {
        let request = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nContent-Type: text/evil\r\n\r\n"
        #expect(Self.parseEverySplit(request) == .requests(["/ Host=a Transfer-Encoding=chunked body=x"]))
    }

    @Test func trailersPastTheHeaderLimitAreRefused() {
        var request = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n"
        for i in 0..<40 { request += "X-Trailer-\(i): value\r\n" }
        request += "\r\n"
        #expect(Self.parse([Array(request.utf8)], maxHeaderBytes: 512) == .headerTooLarge)
        #expect(Self.parse([Array(request.utf8)], maxHeaderBytes: 4096) == .requests(["/ Host=a Transfer-Encoding=chunked body=x"]))
    }
}
