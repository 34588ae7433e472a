import Foundation
import HTTPServer
import Synchronization
import Testing

/// Floods: pipelined requests without reading, and header blocks of many small fields.
extension HostileClientTests {
    /// One client pipelines up to 100,000 padded requests (100 MB) for 4 KiB pages and reads
    /// nothing. The server stops reading while answers are pending, so the client's writes
    /// block long before it is done, memory stays bounded, and the write timeout closes it.
    @Test func pipelinedFloodWithoutReadingIsHeldBackAndCut() throws {
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(writeTimeout: .seconds(1)))
        let attacker = try TLSTestClient(port: server.port, caFile: server.certificates.caFile, timeoutMillis: 300)
        let padding = String(repeating: "p", count: 1000)
        let total = 100_000
        let batch = 100
        var sent = 0
        while sent < total {
            var requests = ""
            for i in sent..<(sent + batch) { requests += "GET /page?i=\(i) HTTP/1.1\r\nHost: localhost\r\nX-Pad: \(padding)\r\n\r\n" }
            // A write that blocks for 300 ms means the server has stopped reading.
            guard (try? attacker.send(requests)) != nil else { break }
            sent += batch
        }
        AttackBaseline.note("pipelined flood: \(sent) of \(total) requests written before the writes blocked")
        #expect(sent < total, "the server read every request although none of the answers was read")
        baseline.expectMemoryBounded(128 << 20, "pipelined flood")
        #expect(server.healthzAnswered())
        // The attacker's socket stays open: only the write timeout can close the server's side.
        let cut = eventually(within: .seconds(10)) { server.serverSideSockets == 0 }
        #expect(cut)
        withExtendedLifetime(attacker) {}
        baseline.expectReclaimed(server, "pipelined flood")
    }

    /// Pipelined requests whose answers (4 MiB in all) overflow the socket buffers are all
    /// answered, in order, once the client reads: backpressure pauses parsing, never drops.
    @Test func pipelinedRequestsAreAllAnsweredInOrderWhenTheClientReadsLate() throws {
        let server = try TestServer.hostile(HostileRoutes())
        let client = try server.client()
        var requests = ""
        for i in 0..<1000 { requests += "GET /page?i=\(i) HTTP/1.1\r\nHost: localhost\r\n\r\n" }
        try client.send(requests)
        for i in 0..<1000 {
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("X-Query") == "i=\(i)")
            #expect(response.body.count == HostileRoutes.page.count)
        }
    }

    /// 20 clients each send a header block of 100,000 small fields (1.8 MiB, past the 1 MiB
    /// default): each gets 431 and a close.
    @Test func headerFloodPastTheDefaultLimitGets431() throws {
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes())
        var flood = "GET /headers HTTP/1.1\r\nHost: localhost\r\n"
        for i in 0..<100_000 { flood += "X-Flood-\(i): v\r\n" }
        flood += "\r\n"
        let bytes = Array(flood.utf8)
        var clients: [TLSTestClient] = []
        for _ in 0..<20 {
            let client = try server.client()
            try client.send(bytes)
            clients.append(client)
        }
        #expect(server.healthzAnswered())
        for client in clients {
            let response = try client.readResponse()
            #expect(response.status == 431)
            #expect(response.header("Connection") == "close")
            #expect(response.text == #"{"code":431,"message":"request header too large"}"# + "\n")
        }
        baseline.expectMemoryBounded(256 << 20, "header flood")
        clients.removeAll()
        baseline.expectReclaimed(server, "header flood")
    }

    /// The control: 50,000 small fields (under 1 MiB) are all delivered to the handler.
    @Test func manySmallFieldsUnderTheLimitAreServed() throws {
        let server = try TestServer.hostile(HostileRoutes())
        let client = try server.client()
        var request = "GET /headers HTTP/1.1\r\nHost: localhost\r\n"
        for i in 0..<50_000 { request += "X-Field-\(i): v\r\n" }
        try client.send(request + "\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "50001")
    }
}

extension HostileClientTests {
    /// Two clients stream an endless chunk extension over plain HTTP (the probe listener) as
    /// fast as the kernel takes it, on a server with a single loop. The loop still takes turns:
    /// every probe in the meantime is answered, long before the attackers' own body deadline.
    @Test func fastSendersDoNotStarveTheirLoop() throws {
        let server = try TestServer(routes: HostileRoutes().routes, limits: ServerLimits(readBodyTimeout: .seconds(5)), probe: true, eventLoops: 1)
        let probePort = try #require(server.probePort)
        let sending = Mutex(true)
        let sent = Atomic<Int>(0)
        let blob = [UInt8](repeating: UInt8(ascii: "e"), count: 1 << 20)
        let group = DispatchGroup()
        var attackers: [RawTCPClient] = []
        for _ in 0..<2 {
            let attacker = try RawTCPClient(port: probePort)
            #expect(attacker.send(Array("POST /healthz HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n1;ext=".utf8)))
            let fd = attacker.fd
            DispatchQueue.global().async(group: group) {
                while sending.withLock({ $0 }) && RawTCPClient.sendAll(fd, blob) { sent.add(1, ordering: .relaxed) }
            }
            attackers.append(attacker)
        }
        // The flood is on (64 MiB written) before the probes start.
        #expect(eventually { sent.load(ordering: .relaxed) >= 64 })
        var answered = 0
        for _ in 0..<20 {
            let probe = try RawTCPClient(port: probePort, timeoutMillis: 1000)
            probe.send(Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8))
            let (bytes, _) = probe.readUntilEnd()
            if String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n") { answered += 1 }
        }
        sending.withLock { $0 = false }
        group.wait()
        #expect(answered == 20)
        withExtendedLifetime(attackers) {}
    }
}

extension HostileClientTests {
    /// The read budget's control: a 6 MiB body over TLS takes many turns of the loop (input left
    /// in OpenSSL's buffer is read on the next turn) and arrives intact.
    @Test func aLargeBodyArrivesIntactAcrossReadTurns() throws {
        let server = try TestServer.hostile(HostileRoutes())
        let client = try server.client()
        // A random block of prime length, repeated: a lost, doubled or reordered read shows.
        let block = (0..<4099).map { _ in UInt8.random(in: 0...255) }
        let body = Array([[UInt8]](repeating: block, count: (6 << 20) / block.count).joined())
        let response = try client.request("POST", "/echo", body: body)
        #expect(response.status == 200)
        #expect(response.body == body)
    }
}
