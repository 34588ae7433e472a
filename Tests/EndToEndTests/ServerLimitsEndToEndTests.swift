import HTTPServer
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Each limit of `ServerLimits`, enforced over a real TLS connection.
struct ServerLimitsEndToEndTests {
    @Test func oversizedHeaderGets431AndClose() throws {
        let server = try TestServer(limits: ServerLimits(maxHeaderBytes: 4096))
        let client = try server.client()
        let filler = String(repeating: "a", count: 8192)
        try client.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Filler: \(filler)\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 431)
        #expect(response.header("Connection") == "close")
        #expect(response.text == #"{"code":431,"message":"request header too large"}"# + "\n")
        #expect(try client.isClosedByServer())
    }

    @Test func headerJustUnderTheLimitIsServed() throws {
        let server = try TestServer(limits: ServerLimits(maxHeaderBytes: 4096))
        let client = try server.client()
        let filler = String(repeating: "a", count: 3000)
        let response = try client.request("GET", "/healthz", headers: [("X-Filler", filler)])
        #expect(response.status == 200)
    }

    @Test func declaredBodyOverTheLimitGets413BeforeTheBodyIsSent() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")], limits: ServerLimits(maxBodyBytes: 1024))
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1025\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.text == #"{"code":413,"message":"request body too large"}"# + "\n")
        #expect(try client.isClosedByServer())
        #expect(recorder.all.isEmpty)
    }

    @Test func chunkedBodyGrowingOverTheLimitGets413() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")], limits: ServerLimits(maxBodyBytes: 1024))
        let client = try server.client()
        let chunk = String(repeating: "b", count: 600)
        try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(recorder.all.isEmpty)
    }

    @Test func bodyExactlyAtTheLimitIsServed() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")], limits: ServerLimits(maxBodyBytes: 1024))
        let body = [UInt8](repeating: 7, count: 1024)
        let response = try server.client().request("POST", "/echo", body: body)
        #expect(response.status == 200)
        #expect(response.body == body)
    }

    @Test func slowHeaderGets408AndClose() throws {
        let server = try TestServer(limits: ServerLimits(readHeaderTimeout: .milliseconds(200)))
        let client = try server.client()
        try client.send("GET /healthz HTTP/1.1\r\nHo")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(response.header("Connection") == "close")
        #expect(response.text == #"{"code":408,"message":"request timeout"}"# + "\n")
        #expect(try client.isClosedByServer())
    }

    @Test func slowBodyGets408AndClose() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")], limits: ServerLimits(readBodyTimeout: .milliseconds(200)))
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(try client.isClosedByServer())
        #expect(recorder.all.isEmpty)
    }

    @Test func idleConnectionIsClosedWithoutAnswer() throws {
        let server = try TestServer(limits: ServerLimits(idleTimeout: .milliseconds(200)))
        let client = try server.client()
        #expect(try client.request("GET", "/healthz").text == "ok")
        // Nothing more is sent: after the idle timeout the server closes, saying nothing.
        #expect(try client.readUntilClosed().isEmpty)
    }

    @Test func connectionsOverMaxConnectionsAreClosedAtOnce() throws {
        let server = try TestServer(limits: ServerLimits(maxConnections: 2), eventLoops: 1)
        let first = try server.client()
        let second = try server.client()
        #expect(throws: (any Error).self) { _ = try server.client() }
        #expect(try first.request("GET", "/healthz").status == 200)
        #expect(try second.request("GET", "/healthz").status == 200)
    }

    @Test func clientDisconnectingMidBodyLeavesTheServerServing() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/echo")], eventLoops: 1)
        let leaving = try server.client()
        try leaving.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nonly ten b")
        leaving.abort()
        let other = try server.client()
        let response = try other.request("POST", "/echo", body: Array("still here".utf8))
        #expect(response.text == "still here")
        #expect(recorder.all.count == 1)
        // The abandoned connection is released (its loop saw the reset).
        try waitUntil { server.server.openConnections == 1 }
    }
}

/// Polls `condition` every 10 ms for up to 5 s (for effects on another thread with no event to wait on).
func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
    for _ in 0..<500 {
        if condition() { return }
        usleep(10_000)
    }
    Issue.record("condition not met within 5 s", sourceLocation: sourceLocation)
}
