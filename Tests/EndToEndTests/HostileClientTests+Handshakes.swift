import HTTPServer
import Testing

/// Attacks on the TLS handshake: connections that say nothing, stop inside a ClientHello, or
/// send something that is not TLS at all.
extension HostileClientTests {
    /// The first bytes of a TLS 1.2 ClientHello record that announces 512 bytes and stops.
    static let partialClientHello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03] + [UInt8](repeating: 0x42, count: 32)

    /// 200 TCP connections that send nothing and 200 that stop inside a ClientHello are closed
    /// at the handshake deadline; a well-behaved client is served meanwhile.
    @Test func halfOpenHandshakesAreClosedAtTheDeadline() throws {
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(readHeaderTimeout: .milliseconds(300)))
        var silent: [RawTCPClient] = []
        var partial: [RawTCPClient] = []
        for _ in 0..<200 { silent.append(try server.rawClient()) }
        for _ in 0..<200 {
            let client = try server.rawClient()
            #expect(client.send(Self.partialClientHello))
            partial.append(client)
        }
        #expect(server.healthzAnswered())
        for client in silent {
            let (bytes, end) = client.readUntilEnd()
            #expect(bytes == [])
            #expect(end == .closed)
        }
        for client in partial {
            // The server closes without a word (or a TLS alert) and before the client's own 5 s timeout.
            #expect(client.readUntilEnd().end != .timedOut)
        }
        #expect(server.healthzAnswered())
        baseline.expectReclaimed(server, "half-open handshakes")
    }

    /// A handshake that completes but is followed by nothing is closed at the header deadline.
    @Test func handshakenConnectionsThatSendNothingAreClosed() throws {
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(readHeaderTimeout: .milliseconds(300)))
        var quiet: [TLSTestClient] = []
        for _ in 0..<100 { quiet.append(try server.client()) }
        #expect(server.healthzAnswered())
        for client in quiet { #expect(try client.readUntilClosed() == []) }
        #expect(eventually { server.serverSideSockets == 0 })
    }

    struct Garbage: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var testDescription: String { name }
    }

    static let garbage: [Garbage] = [
        Garbage(name: "plain HTTP", bytes: Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)),
        Garbage(name: "HTTP/2 preface", bytes: Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)),
        Garbage(name: "zero bytes", bytes: [UInt8](repeating: 0, count: 512)),
        Garbage(name: "0xff bytes", bytes: [UInt8](repeating: 0xff, count: 512)),
        Garbage(name: "SSLv2 ClientHello", bytes: [0x80, 0x2e, 0x01, 0x00, 0x02, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10]
            + [0x07, 0x00, 0xc0, 0x05, 0x00, 0x80, 0x03, 0x00, 0x80, 0x01, 0x00, 0x80, 0x08, 0x00, 0x80, 0x06, 0x00, 0x40, 0x04, 0x00, 0x80]
            + [UInt8](repeating: 0x11, count: 16)),
        Garbage(name: "application data before a handshake", bytes: [0x17, 0x03, 0x03, 0x00, 0x10] + [UInt8](repeating: 0x55, count: 16)),
        Garbage(name: "alert record", bytes: [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]),
        // OpenSSL skips a few empty records (a TLS 1.0 CBC countermeasure) and refuses a run of them.
        Garbage(name: "run of empty handshake records", bytes: Array([[UInt8]](repeating: [0x16, 0x03, 0x01, 0x00, 0x00], count: 40).joined())),
        Garbage(name: "record longer than TLS allows", bytes: [0x16, 0x03, 0x01, 0xff, 0xff] + [UInt8](repeating: 0x01, count: 64)),
        Garbage(name: "ClientHello with a garbled body", bytes: [0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0x00, 0x00, 0x3c] + [UInt8](repeating: 0xee, count: 60)),
        Garbage(name: "SSL 3.0 ClientHello", bytes: [0x16, 0x03, 0x00, 0x00, 0x2d, 0x01, 0x00, 0x00, 0x29, 0x03, 0x00]
            + [UInt8](repeating: 0x21, count: 32) + [0x00, 0x00, 0x02, 0x00, 0x2f, 0x01, 0x00]),
    ]

    /// Something that is not a TLS ClientHello ends the connection at once: the handshake
    /// deadline here is a minute, and the client gives up after five seconds.
    @Test(arguments: garbage)
    func garbageInsteadOfAClientHelloIsClosedAtOnce(_ garbage: Garbage) throws {
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(readHeaderTimeout: .seconds(60)))
        for _ in 0..<20 {
            let client = try server.rawClient()
            client.send(garbage.bytes)
            let (bytes, end) = client.readUntilEnd()
            #expect(end != .timedOut)
            // At most a TLS alert record comes back, never HTTP.
            #expect(bytes.isEmpty || bytes.first == 0x15, "\(bytes.prefix(16))")
        }
        #expect(server.metricValue(#"seed_webhooks_tls_handshakes_total{result="failed"}"#) == 20)
        #expect(server.healthzAnswered())
        #expect(eventually { server.serverSideSockets == 0 })
    }
}
