#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HTTPServer
import Synchronization
import Testing

/// Descriptors and handshakes under churn: connections that vanish at every stage leave no
/// socket behind, a handshake flood leaves others served, and a process out of descriptors
/// pauses accepting and recovers.
extension HostileClientTests {
    /// 1,000 connections end at every stage a connection has (before the handshake, inside it,
    /// inside a request, after an answer), by FIN and by RST. Afterwards the server holds no
    /// socket and no connection.
    @Test func connectionChurnLeavesNoSocketBehind() throws {
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes())
        for round in 0..<200 {
            let reset = round % 2 == 0
            // Before the handshake.
            let silent = try server.rawClient()
            if reset { silent.closeWithReset() }
            // Inside the handshake.
            let partial = try server.rawClient()
            partial.send(Self.partialClientHello)
            if reset { partial.closeWithReset() }
            // Inside a request, over TLS.
            let midRequest = try server.client()
            try midRequest.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nhalf")
            if reset { RawTCPClient.setResetOnClose(midRequest.fd) }
            // After an answer, leaving without close_notify.
            let answered = try server.client()
            #expect(try answered.request("GET", "/healthz").text == "ok")
            if reset { RawTCPClient.setResetOnClose(answered.fd) } else { answered.abort() }
            // Asking to close.
            let closing = try server.client()
            #expect(try closing.request("GET", "/healthz", headers: [("Connection", "close")]).text == "ok")
        }
        #expect(server.healthzAnswered())
        baseline.expectReclaimed(server, "connection churn")
    }

    /// Two threads open and drop full TLS handshakes as fast as they can while a well-behaved
    /// client on its own connection, and on new ones, is answered every time.
    @Test func handshakeFloodLeavesAWellBehavedClientServed() throws {
        let server = try TestServer.hostile(HostileRoutes())
        let port = server.port
        let caFile = server.certificates.caFile
        let group = DispatchGroup()
        let flooded = FloodCount()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                for _ in 0..<300 {
                    if (try? TLSTestClient(port: port, caFile: caFile)) != nil { flooded.increment() }
                }
            }
        }
        let keepAlive = try server.client()
        var answered = 0
        for i in 0..<100 {
            if (try? keepAlive.request("GET", "/healthz"))?.text == "ok" { answered += 1 }
            if i % 5 == 0 && server.healthzAnswered() { answered += 1 }
        }
        group.wait()
        #expect(answered == 120)
        #expect(flooded.value == 600)
    }

    /// A chunk extension that never ends costs the server no memory (llhttp skips it) and is
    /// cut at the body deadline with a 408.
    @Test func endlessChunkExtensionIsCutAtTheBodyTimeout() throws {
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(readBodyTimeout: .milliseconds(500)))
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n1;ext=")
        let filler = [UInt8](repeating: UInt8(ascii: "e"), count: 16384)
        var sent = 0
        while !RawTCPClient.isReadable(client.fd, withinMillis: 0) && sent < 4 << 30 {
            try client.send(filler)
            sent += filler.count
        }
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(response.text == Self.timeoutBody)
        baseline.expectMemoryBounded(64 << 20, "chunk extension of \(sent >> 20) MiB")
    }

    /// The executable with 64 descriptors: 100 connections that say nothing exhaust them. The
    /// server pauses accepting instead of failing or spinning, the handshake deadline frees
    /// descriptors, the waiting connections are accepted and closed in turn, and then a TLS
    /// client is served.
    @Test func runningOutOfDescriptorsPausesAcceptingAndRecovers() throws {
        let server = try ExecutableServer(["--read-header-timeout", "500ms"], descriptorLimit: 64)
        var silent: [RawTCPClient] = []
        for _ in 0..<100 { silent.append(try RawTCPClient(port: server.port, timeoutMillis: 20_000)) }
        for client in silent { #expect(client.readUntilEnd().end == .closed) }
        #expect(try server.client().request("GET", "/healthz").text == "ok")
        #expect(server.logText.contains("accept failed; pausing accepts"))
        #expect(server.isRunning)
    }
}

/// A thread-safe count for flood threads.
final class FloodCount: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
