import HTTPServer
import Testing

/// Request smuggling over real TLS: every ambiguous framing is refused with a fixed 400 and a
/// close, and the request hidden behind it never reaches a handler.
struct HostileSmugglingTests {
    /// One malformed request, followed on the wire by `GET /smuggled`.
    struct Attempt: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: String
        var testDescription: String { name }
    }

    static let smuggled = "GET /smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n"

    static let attempts: [Attempt] = [
        Attempt(name: "Content-Length then Transfer-Encoding",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Attempt(name: "Transfer-Encoding then Content-Length",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 44\r\n\r\n0\r\n\r\n"),
        Attempt(name: "duplicate equal Content-Length",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
        Attempt(name: "conflicting Content-Length",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 47\r\n\r\nabc"),
        Attempt(name: "Content-Length list",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc"),
        Attempt(name: "signed Content-Length",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc"),
        Attempt(name: "Content-Length overflowing 64 bits",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 18446744073709551619\r\n\r\nabc"),
        Attempt(name: "space before the colon of Content-Length",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length : 44\r\n\r\n"),
        Attempt(name: "space before the colon of Transfer-Encoding",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
        Attempt(name: "space before the colon of an ordinary field",
                bytes: "GET /healthz HTTP/1.1\r\nHost : a\r\n\r\n"),
        Attempt(name: "Transfer-Encoding chunked then identity",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
        Attempt(name: "Transfer-Encoding identity",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n"),
        Attempt(name: "Transfer-Encoding xchunked",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
        Attempt(name: "Transfer-Encoding twice",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Attempt(name: "bare LF line endings",
                bytes: "GET /healthz HTTP/1.1\nHost: a\n\n"),
        Attempt(name: "bare LF inside the header block",
                bytes: "GET /healthz HTTP/1.1\r\nHost: a\nX-Hidden: b\r\n\r\n"),
        Attempt(name: "bare CR inside the header block",
                bytes: "GET /healthz HTTP/1.1\r\nHost: a\rX-Hidden: b\r\n\r\n"),
        Attempt(name: "obs-fold in an ordinary field",
                bytes: "GET /healthz HTTP/1.1\r\nHost: a\r\nX-Folded: b\r\n c\r\n\r\n"),
        Attempt(name: "obs-fold with a tab",
                bytes: "GET /healthz HTTP/1.1\r\nHost: a\r\nX-Folded: b\r\n\tc\r\n\r\n"),
        Attempt(name: "obs-fold carrying Content-Length",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n 3\r\n\r\nabc"),
        Attempt(name: "obs-fold carrying Transfer-Encoding",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n"),
        Attempt(name: "chunk size that is not hex",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n"),
        Attempt(name: "negative chunk size",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\na\r\n0\r\n\r\n"),
        Attempt(name: "chunk size overflowing 64 bits",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\nab\r\n0\r\n\r\n"),
        Attempt(name: "chunk size with trailing space",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2 \r\nab\r\n0\r\n\r\n"),
        Attempt(name: "chunk data longer than its size",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n0\r\n\r\n"),
        Attempt(name: "chunk lines ended by bare LF",
                bytes: "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\nab\n0\n\n"),
        Attempt(name: "control byte in a field value",
                bytes: "GET /healthz HTTP/1.1\r\nHost: a\u{1}\r\n\r\n"),
        Attempt(name: "unknown HTTP version",
                bytes: "GET /healthz HTTP/1.9\r\nHost: a\r\n\r\n"),
        Attempt(name: "space inside the request target",
                bytes: "GET /health z HTTP/1.1\r\nHost: a\r\n\r\n"),
    ]

    @Test(arguments: attempts)
    func ambiguousFramingGets400AndCloseAndNothingIsSmuggled(_ attempt: Attempt) throws {
        let routes = HostileRoutes()
        let server = try TestServer.hostile(routes)
        let client = try server.client()
        try client.send(attempt.bytes + Self.smuggled)
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("Connection") == "close")
        #expect(response.text == #"{"code":400,"message":"malformed HTTP request"}"# + "\n")
        #expect(try client.readUntilClosed() == [])
        #expect(routes.smuggled == 0)
        #expect(server.healthzAnswered())
    }

    /// The control: the same pipelined request after a well-formed one does reach its handler,
    /// so the checks above can fail.
    @Test func aWellFormedRequestIsFollowedByThePipelinedOne() throws {
        let routes = HostileRoutes()
        let server = try TestServer.hostile(routes)
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + Self.smuggled)
        let first = try client.readResponse()
        #expect(first.status == 200)
        #expect(first.text == "abc")
        let second = try client.readResponse()
        #expect(second.text == "smuggled")
        #expect(routes.smuggled == 1)
    }

    /// A body sent with a GET is framed by its Content-Length like any other and is not a request.
    @Test func aBodyOnAGetIsSkippedNotParsedAsARequest() throws {
        let routes = HostileRoutes()
        let server = try TestServer.hostile(routes)
        let client = try server.client()
        let hidden = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"
        try client.send("GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: \(hidden.utf8.count)\r\n\r\n" + hidden + "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try client.readResponse().text == "ok")
        #expect(try client.readResponse().text == "ok")
        #expect(routes.smuggled == 0)
    }

    /// Upgrade and CONNECT are answered and the connection closes: the bytes after them are not
    /// HTTP/1.1 this server would parse.
    @Test(arguments: [
        "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
        "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n",
    ])
    func upgradeIsAnsweredThenClosedWithoutParsingWhatFollows(_ request: String) throws {
        let routes = HostileRoutes()
        let server = try TestServer.hostile(routes)
        let client = try server.client()
        try client.send(request + Self.smuggled)
        let response = try client.readResponse()
        #expect(response.header("Connection") == "close")
        #expect(try client.readUntilClosed() == [])
        #expect(routes.smuggled == 0)
    }

    /// A request whose chunked body ends in trailers larger than the header limit is refused:
    /// trailers are header fields and count against the same limit.
    @Test func trailersPastTheHeaderLimitGet431() throws {
        let routes = HostileRoutes()
        let server = try TestServer.hostile(routes, limits: ServerLimits(maxHeaderBytes: 4096))
        let client = try server.client()
        var request = "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n"
        for i in 0..<1000 { request += "X-Trailer-\(i): value\r\n" }
        request += "\r\n" + Self.smuggled
        try client.send(request)
        let response = try client.readResponse()
        #expect(response.status == 431)
        #expect(response.header("Connection") == "close")
        #expect(response.text == #"{"code":431,"message":"request header too large"}"# + "\n")
        #expect(routes.smuggled == 0)
    }
}
