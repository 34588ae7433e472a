#if canImport(Glibc)
import Glibc
#endif
import HTTPServer
import Testing

/// Clients that send or read too slowly: slowloris headers and bodies, and readers that never
/// (or hardly) read their answers.
extension HostileClientTests {
    /// 60 connections drip a header one byte at a time and 60 more drip a body: each gets a
    /// 408 and a close at its deadline, however steadily it keeps sending.
    @Test func slowlorisHeadersAndBodiesGet408AtTheirDeadlines() throws {
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(readHeaderTimeout: .milliseconds(400), readBodyTimeout: .milliseconds(400)))
        var dripping: [(client: TLSTestClient, drip: [UInt8])] = []
        for _ in 0..<60 {
            let client = try server.client()
            try client.send(Self.openHeader)
            dripping.append((client, Array("X-Slow: \(String(repeating: "a", count: 200))".utf8)))
        }
        for _ in 0..<60 {
            let client = try server.client()
            try client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n")
            dripping.append((client, [UInt8](repeating: UInt8(ascii: "b"), count: 1000)))
        }
        var answers: [Int: TLSTestClient.Response] = [:]
        var goodAnswers = 0
        var round = 0
        // A byte per connection every 50 ms until every one has been answered (the cap only
        // stops a broken server from hanging the test).
        while answers.count < dripping.count && round < 200 {
            for (index, entry) in dripping.enumerated() where answers[index] == nil {
                if RawTCPClient.isReadable(entry.client.fd, withinMillis: 0) {
                    answers[index] = try entry.client.readResponse()
                } else {
                    try entry.client.send([entry.drip[round % entry.drip.count]])
                }
            }
            if round % 4 == 0 && server.healthzAnswered() { goodAnswers += 1 }
            round += 1
            usleep(50_000)
        }
        #expect(answers.count == dripping.count)
        for (index, response) in answers {
            #expect(response.status == 408, "connection \(index)")
            #expect(response.header("Connection") == "close")
            #expect(response.text == Self.timeoutBody)
        }
        #expect(goodAnswers == (round + 3) / 4)
        for entry in dripping { #expect(try entry.client.isClosedByServer()) }
        baseline.expectReclaimed(server, "slowloris")
    }

    /// 20 clients ask for 1 MiB answers sixteen times over (more than loopback socket buffers
    /// hold) and never read: the server stops reading their requests once an answer is stuck,
    /// and the write timeout closes them while others are served.
    @Test func readersThatNeverReadAreCutAtTheWriteTimeout() throws {
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(writeTimeout: .milliseconds(500)))
        var stuck: [TLSTestClient] = []
        for _ in 0..<20 {
            let client = try server.client()
            try client.send(String(repeating: "GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n", count: 16))
            stuck.append(client)
        }
        #expect(server.healthzAnswered())
        // The attackers keep their sockets open; only the server's write timeout can free them.
        let cut = eventually(within: .seconds(10)) { server.serverSideSockets == 0 }
        #expect(cut)
        #expect(server.healthzAnswered())
        baseline.expectMemoryBounded(128 << 20, "readers that never read")
        stuck.removeAll()
        baseline.expectReclaimed(server, "readers that never read")
    }

    /// A client that reads a large answer far too slowly is cut when the write timeout passes:
    /// progress does not extend the deadline, so it cannot hold the answer's memory for long.
    @Test func trickleReaderIsCutAtTheWriteTimeout() throws {
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(writeTimeout: .milliseconds(500)))
        let client = try server.client()
        // 8 MiB: about half goes into loopback socket buffers at once, the rest waits in the server.
        try client.send("GET /huge HTTP/1.1\r\nHost: localhost\r\n\r\n")
        var received = 0
        var ended = false
        // Two TLS records (32 KiB at most) per 10 ms: 8 MiB would take at least 2.5 s.
        for _ in 0..<1000 where !ended {
            for _ in 0..<2 {
                let chunk = (try? client.readSome()) ?? []
                if chunk.isEmpty {
                    ended = true
                    break
                }
                received += chunk.count
            }
            usleep(10_000)
        }
        AttackBaseline.note("trickle reader: \(received) of \(HostileRoutes.huge.count) bytes read before the cut")
        #expect(ended)
        #expect(received < HostileRoutes.huge.count)
        #expect(server.healthzAnswered())
    }
}

extension RawTCPClient {
    /// Whether `fd` has bytes (or an EOF) to read within `millis`.
    static func isReadable(_ fd: Int32, withinMillis millis: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, millis) > 0
    }
}
