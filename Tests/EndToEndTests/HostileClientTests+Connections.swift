import Foundation
import HTTPServer
import Testing

/// Many connections: idle keep-alive connections by the thousand, the connection limit, and
/// their reaping by the idle timeout.
extension HostileClientTests {
    /// How many idle connections `stressIdleConnectionsAgainstTheExecutable` opens: set by
    /// `make stress` (SEED_WEBHOOKS_STRESS_CONNECTIONS, 10,000); nil skips the test.
    static let stressConnectionCount: Int? = {
        ProcessInfo.processInfo.environment["SEED_WEBHOOKS_STRESS_CONNECTIONS"].flatMap { Int($0) }
    }()

    /// Opens `count` TLS connections that each make one request and then sit idle: the server
    /// keeps them all and answers a newcomer; when the clients go, it reaps every one.
    @Test func manyIdleConnectionsAreHeldAndReaped() throws {
        let count = 1000
        // Two descriptors per connection (client and server side live in this process).
        let limit = ProcessResources.raiseDescriptorLimit(to: 2 * count + 4096)
        try #require(limit >= 2 * count + 1024, "RLIMIT_NOFILE is \(limit)")
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(maxConnections: count + 100))
        var idle: [TLSTestClient] = []
        idle.reserveCapacity(count)
        for _ in 0..<count {
            let client = try server.client()
            try client.sendRequest("GET", "/healthz")
            idle.append(client)
        }
        for client in idle { #expect(try client.readResponse().text == "ok") }
        #expect(server.server.openConnections == count)
        #expect(server.healthzAnswered())
        let perConnection = baseline.growth / count
        AttackBaseline.note("\(count) idle connections: \(perConnection) bytes each, client and server side together")
        // Client and server side together, TLS state and buffers included.
        #expect(perConnection < (256 << 10) * AttackBaseline.slack, "\(perConnection) bytes per idle connection")
        idle.removeAll()
        baseline.expectReclaimed(server, memoryBound: 512 << 20, "idle connections")
    }

    /// The stress variant (make stress): 10,000 idle TLS connections against the executable, so
    /// that the server's descriptors and memory are its own (client and server side would not fit
    /// one process's descriptor limit here). All are held and a newcomer is answered; when the
    /// clients go, the server is back to its descriptors before the attack.
    @Test(.enabled(if: stressConnectionCount != nil))
    func stressIdleConnectionsAgainstTheExecutable() throws {
        let count = Self.stressConnectionCount ?? 0
        let limit = ProcessResources.raiseDescriptorLimit(to: count + 4096)
        try #require(limit >= count + 1024, "RLIMIT_NOFILE is \(limit)")
        let server = try ExecutableServer(["--max-connections", String(count + 100)])
        // Before any connection: what the server holds on its own.
        let descriptors = server.descriptorCount
        let resident = server.residentBytes
        var idle: [TLSTestClient] = []
        idle.reserveCapacity(count)
        for _ in 0..<count {
            let client = try server.client(timeoutMillis: 30_000)
            try client.sendRequest("GET", "/healthz")
            idle.append(client)
        }
        for client in idle { #expect(try client.readResponse().text == "ok") }
        #expect(server.descriptorCount == descriptors + count)
        // The connection asking for the metrics is one more.
        #expect(server.metricValue("seed_webhooks_open_connections") == Double(count + 1))
        let perConnection = (server.residentBytes - resident) / count
        AttackBaseline.note("\(count) idle connections against the executable: \(perConnection) bytes each on the server")
        #expect(perConnection < 64 << 10, "\(perConnection) bytes per idle connection")
        idle.removeAll()
        #expect(eventually(within: .seconds(30)) { server.descriptorCount == descriptors })
        #expect(try server.client().request("GET", "/healthz").text == "ok")
    }

    /// 200 connections that go quiet after one request are all closed by the idle timeout,
    /// without an answer, while their clients still hold them open.
    @Test func idleConnectionsAreClosedByTheIdleTimeout() throws {
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(idleTimeout: .milliseconds(500)))
        var idle: [TLSTestClient] = []
        for _ in 0..<200 {
            let client = try server.client()
            #expect(try client.request("GET", "/healthz").text == "ok")
            idle.append(client)
        }
        #expect(eventually { server.serverSideSockets == 0 })
        for client in idle { #expect(try client.readUntilClosed() == []) }
    }

    /// At `maxConnections`, newcomers are closed at accept and counted, while the connections
    /// already open keep being answered; once some close, newcomers are served again.
    @Test func connectionsPastMaxConnectionsAreRefusedWhileOpenOnesAreServed() throws {
        let baseline = AttackBaseline()
        let server = try TestServer.hostile(HostileRoutes(), limits: ServerLimits(maxConnections: 50))
        var open: [TLSTestClient] = []
        for _ in 0..<50 { open.append(try server.client()) }
        var refused = 0
        for _ in 0..<200 {
            do {
                let client = try server.client()
                // A TLS 1.3 client may finish its side of the handshake before seeing the close.
                try client.sendRequest("GET", "/healthz")
                if try client.isClosedByServer() { refused += 1 }
            } catch {
                refused += 1
            }
            #expect(try open[refused % 50].request("GET", "/healthz").text == "ok")
        }
        #expect(refused == 200)
        #expect(server.metricValue("seed_webhooks_rejected_connections_total") == 200)
        open.removeLast(10)
        #expect(eventually { server.server.openConnections == 40 })
        #expect(server.healthzAnswered())
        open.removeAll()
        baseline.expectReclaimed(server, "connection limit")
    }
}
