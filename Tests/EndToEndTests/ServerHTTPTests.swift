import HTTPServer
import Testing

/// HTTP/1.1 framing over real TLS: pipelining, chunked bodies, split writes, HEAD, Expect.
struct ServerHTTPTests {
    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")])
        let client = try server.client()
        var batch = ""
        for i in 0..<10 {
            let body = "body-\(i)"
            batch += "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        }
        try client.send(batch)
        for i in 0..<10 {
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "body-\(i)")
        }
        #expect(recorder.all.map { String(decoding: $0.body, as: UTF8.self) } == (0..<10).map { "body-\($0)" })
    }

    /// Strings repeated from a connection's previous request are reused; what changes must not be.
    @Test func keptAliveRequestsSeeTheirOwnTargetsHeadersAndBodies() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo"), recorder.route("/echo-other")])
        let client = try server.client()
        let sent: [(path: String, query: String, headers: [(String, String)], body: String)] = [
            ("/echo", "timeout=10s", [("Host", "localhost"), ("Content-Type", "application/json"), ("X-Trace", "first-trace-value-long")], "one"),
            ("/echo", "timeout=10s", [("Host", "localhost"), ("Content-Type", "application/json"), ("X-Trace", "first-trace-value-long")], "two"),
            ("/echo", "timeout=30s", [("Host", "localhost"), ("Content-Type", "application/json"), ("X-Trace", "second-trace-value-lng")], "three!"),
            ("/echo-other", "", [("Host", "localhost"), ("Content-Type", "text/plain"), ("X-Trace", "second-trace-value-lng"), ("X-More", "1")], ""),
            ("/echo", "a=b", [("host", "localhost"), ("Content-Type", "application/json")], "five"),
            ("/echo", "a=b", [("Host", "localhost"), ("Content-Type", "application/json")], String(repeating: "x", count: 70_000)),
            ("/echo", "a=b", [("Host", "localhost"), ("Content-Type", "application/json")], "seven"),
        ]
        for request in sent {
            var text = "POST \(request.path)\(request.query.isEmpty ? "" : "?" + request.query) HTTP/1.1\r\n"
            for (name, value) in request.headers { text += "\(name): \(value)\r\n" }
            text += "Content-Length: \(request.body.utf8.count)\r\n\r\n\(request.body)"
            try client.send(text)
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == request.body)
        }
        let seen = recorder.all
        #expect(seen.count == sent.count)
        for (request, got) in zip(sent, seen) {
            #expect(got.path == request.path)
            #expect(got.query == request.query)
            #expect(got.headers.map { "\($0.name): \($0.value)" } == request.headers.map { "\($0.0): \($0.1)" } + ["Content-Length: \(request.body.utf8.count)"])
            #expect(String(decoding: got.body, as: UTF8.self) == request.body)
        }
    }

    @Test func chunkedBodyIsDechunked() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")])
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello, world")
        #expect(response.header("Content-Length") == "12")
    }

    @Test func requestWrittenOneByteAtATimeIsAnswered() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")])
        let client = try server.client()
        let request = Array("POST /echo?timeout=5s HTTP/1.1\r\nHost: localhost\r\nX-Test: split\r\nContent-Length: 11\r\n\r\nhello world".utf8)
        for byte in request { try client.send([byte]) }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello world")
        let seen = try #require(recorder.all.first)
        #expect(seen.path == "/echo")
        #expect(seen.query == "timeout=5s")
        #expect(seen.header("x-test") == "split")
    }

    @Test func headRequestGetsHeadersWithoutBody() throws {
        let head = Route(["HEAD", "GET"], "/page", name: "page") { _ in .text(200, "twelve bytes") }
        let server = try TestServer(routes: [head])
        let client = try server.client()
        try client.send("HEAD /page HTTP/1.1\r\nHost: localhost\r\n\r\nGET /page HTTP/1.1\r\nHost: localhost\r\n\r\n")
        // The HEAD answer declares 12 bytes but carries none, so the GET answer follows directly.
        let raw = try client.readSome()
        var text = String(decoding: raw, as: UTF8.self)
        while !text.hasSuffix("twelve bytes") {
            text += String(decoding: try client.readSome(), as: UTF8.self)
        }
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\n\r\ntwelve bytes")
    }

    @Test func expectContinueGets100BeforeTheBody() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")])
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try client.readSome()
        #expect(String(decoding: interim, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
        try client.send("ping")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "ping")
    }

    @Test func connectionCloseRequestGetsAnswerThenClose() throws {
        let server = try TestServer()
        let client = try server.client()
        let response = try client.request("GET", "/healthz", headers: [("Connection", "close")])
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(try client.isClosedByServer())
    }

    @Test func http10WithoutKeepAliveIsClosedAfterTheAnswer() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("GET /healthz HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "ok")
        #expect(try client.isClosedByServer())
    }

    @Test func malformedRequestGets400AndClose() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("Connection") == "close")
        #expect(response.text == #"{"code":400,"message":"malformed HTTP request"}"# + "\n")
        #expect(try client.isClosedByServer())
    }

    @Test func contentLengthWithTransferEncodingIsRefused() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")])
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(recorder.all.isEmpty)
    }

    @Test func http2PrefaceIsRefusedWith400() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400 || response.status == 505)
        #expect(try client.isClosedByServer())
    }

    @Test func largeAnswerIsWrittenCompletely() throws {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
        let route = Route(["GET"], "/big", name: "big") { _ in Response(status: 200, contentType: "text/plain", body: big) }
        let server = try TestServer(routes: [route])
        let client = try server.client()
        let response = try client.request("GET", "/big")
        #expect(response.body.count == big.count)
        #expect(response.body == big)
        #expect(try client.request("GET", "/healthz").text == "ok")
    }
}
