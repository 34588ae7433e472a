@testable import HTTPServer
import Testing

struct ResponseEncoderTests {
    static func encode(_ response: Response, close: Bool = false, omitBody: Bool = false) -> String {
        var out: [UInt8] = []
        ResponseEncoder.encode(response, close: close, omitBody: omitBody, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func encodesStatusTypeLengthAndBody() {
        #expect(Self.encode(.json(200, Array(#"{"a":1}"#.utf8))) == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}")
    }

    @Test func addsConnectionCloseWhenClosing() {
        #expect(Self.encode(.text(503, "no"), close: true)
            == "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno")
    }

    @Test func dropsHandlerFramingHeadersAndKeepsOthersInOrder() {
        let response = Response(status: 405, headers: [("Allow", "GET, POST"), ("Content-Length", "99"), ("connection", "keep-alive"), ("X-A", "1")], body: [])
        #expect(Self.encode(response) == "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nAllow: GET, POST\r\nX-A: 1\r\n\r\n")
    }

    @Test func headerValuesCannotSplitTheHeaderBlock() {
        let response = Response(status: 200, headers: [("X-Evil", "a\r\nSet-Cookie: b")], body: [])
        #expect(Self.encode(response) == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Evil: aSet-Cookie: b\r\n\r\n")
    }

    @Test func headAnswerKeepsLengthWithoutBody() {
        #expect(Self.encode(.text(200, "abc"), omitBody: true) == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\n\r\n")
    }

    @Test func noContentHasNoLengthOrBody() {
        #expect(Self.encode(Response(status: 204, body: Array("ignored".utf8))) == "HTTP/1.1 204 No Content\r\n\r\n")
    }

    @Test func statusOutsideTheValidRangeBecomes500() {
        #expect(Self.encode(Response(status: 42)).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
        #expect(Self.encode(Response(status: 1000)).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    }

    @Test func decimalLengthsAreExact() {
        for value in [0, 1, 9, 10, 99, 100, 7_340_032, Int.max] {
            var out: [UInt8] = []
            ResponseEncoder.appendDecimal(value, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }
}
