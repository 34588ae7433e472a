import JSON
import Testing
@testable import KubeClient

/// The response side of llhttp and the watch line splitter, fed whole and split at every offset.
struct ResponseParserTests {
    /// Two events whose second is cut across three chunks.
    static let watchResponse: [UInt8] = {
        let pieces = [#"{"type":"ADDED","object":{"metadata":{"a":1}}}"# + "\n", #"{"type":"BOOKMAR"#,
                      #"K","object":{"metadata":{"resourceVersi"#, #"on":"7"}}}"# + "\n"]
        var text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        for piece in pieces { text += String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n" }
        return Array((text + "0\r\n\r\n").utf8)
    }()

    /// Feeds `bytes` in pieces cut at `cuts`, collecting body bytes and decoded events.
    private func parse(_ bytes: [UInt8], cuts: [Int]) throws -> (ResponseParser, [UInt8], [JSONValue]) {
        let parser = ResponseParser()
        var decoder = WatchEventDecoder()
        var body: [UInt8] = []
        var events: [JSONValue] = []
        var start = 0
        for end in cuts + [bytes.count] where end > start {
            try bytes[start..<end].withUnsafeBytes { try parser.feed($0) }
            body += parser.body
            events += try decoder.feed(parser.body)
            parser.body.removeAll()
            start = end
        }
        return (parser, body, events)
    }

    @Test func decodesAChunkedWatchStreamSplitAtEveryOffset() throws {
        let bytes = Self.watchResponse
        let (_, wholeBody, wholeEvents) = try parse(bytes, cuts: [])
        #expect(wholeEvents.map { $0["type"]?.stringValue } == ["ADDED", "BOOKMARK"])
        #expect(wholeEvents[1][path: "object", "metadata", "resourceVersion"]?.stringValue == "7")
        for cut in 1..<bytes.count {
            let (parser, body, events) = try parse(bytes, cuts: [cut])
            #expect(parser.messageComplete && parser.status == 200)
            #expect(body == wholeBody && events == wholeEvents, "split at \(cut)")
        }
    }

    @Test func keepsTheConnectionForAContentLengthResponse() throws {
        let bytes = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".utf8)
        let (parser, body, _) = try parse(bytes, cuts: Array(1..<bytes.count))
        #expect(parser.messageComplete && parser.keepAlive && body == Array("{}".utf8))
        #expect(parser.header("content-length") == "2")
    }

    @Test func aBodyDelimitedByCloseEndsAtFinish() throws {
        let parser = ResponseParser()
        try Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabc".utf8).withUnsafeBytes { try parser.feed($0) }
        #expect(!parser.messageComplete)
        try parser.finish()
        #expect(parser.messageComplete && !parser.keepAlive && parser.body == Array("abc".utf8))
    }

    @Test func refusesAMalformedStatusLine() {
        let parser = ResponseParser()
        #expect(throws: KubeClientError("malformed HTTP response: Expected HTTP/")) {
            try Array("HTTQ/1.1 200 OK\r\n\r\n".utf8).withUnsafeBytes { try parser.feed($0) }
        }
    }

    @Test func refusesAMalformedWatchEvent() {
        var decoder = WatchEventDecoder()
        #expect(throws: KubeClientError("malformed watch event: unexpected character at byte 1")) {
            try decoder.feed(Array("{]\n".utf8))
        }
    }
}
