import Dispatch
import HTTPServer
import Testing

/// Graceful shutdown: readiness, in-flight requests, idle connections, the grace period.
struct ServerShutdownTests {
    /// A route whose handler signals that it started and then waits to be released.
    final class Gate: Sendable {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        var route: Route {
            Route(["POST"], "/slow", name: "slow") { request in
                self.entered.signal()
                self.release.wait()
                return Response(status: 200, contentType: "text/plain", body: Array("finished ".utf8) + request.body)
            }
        }
    }

    @Test func inFlightRequestCompletesAfterShutdownStarts() throws {
        let gate = Gate()
        let server = try TestServer(routes: [gate.route])
        let client = try server.client()
        try client.sendRequest("POST", "/slow", body: Array("work".utf8))
        gate.entered.wait()

        server.server.shutdown(gracePeriod: .seconds(10))
        #expect(server.readiness.isReady == false)
        #expect(server.readiness.notReadyReasons.map(\.reason) == ["shutting down"])
        gate.release.signal()

        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "finished work")
        #expect(response.header("Connection") == "close")
        #expect(try client.isClosedByServer())
        server.server.waitUntilStopped()
        #expect(server.server.openConnections == 0)
    }

    @Test func idleConnectionsAreClosedAndNewOnesRefusedAfterShutdown() throws {
        let server = try TestServer()
        let idle = try server.client()
        #expect(try idle.request("GET", "/healthz").text == "ok")
        server.stop()
        #expect(try idle.isClosedByServer())
        #expect(throws: TLSTestClient.Failure.self) { _ = try server.client() }
    }

    @Test func readyzAnswers503WhileDraining() throws {
        let gate = Gate()
        let server = try TestServer(routes: [gate.route], eventLoops: 1)
        let busy = try server.client()
        let watcher = try server.client()
        try busy.sendRequest("POST", "/slow", body: [])
        gate.entered.wait()
        // Queue a readyz on the watcher before the drain starts; it is read after the slow handler.
        try watcher.sendRequest("GET", "/readyz")
        server.server.shutdown(gracePeriod: .seconds(10))
        gate.release.signal()
        #expect(try busy.readResponse().status == 200)
        let readyz = try watcher.readResponse()
        #expect(readyz.status == 503)
        #expect(readyz.text == "not ready:\nshutdown: shutting down\n")
        server.server.waitUntilStopped()
    }

    @Test func shutdownHooksRunOnceAfterTheServerStopped() throws {
        let server = try TestServer()
        let calls = DispatchSemaphore(value: 0)
        server.server.onShutdown { calls.signal() }
        server.stop()
        server.server.waitUntilStopped()
        #expect(calls.wait(timeout: .now()) == .success)
        #expect(calls.wait(timeout: .now()) == .timedOut)
    }

    @Test func connectionsStillBusyAfterTheGracePeriodAreCut() throws {
        let gate = Gate()
        let server = try TestServer(routes: [gate.route], eventLoops: 1)
        let stuck = try server.client()
        try stuck.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nonly")
        // The body never completes: the connection is busy but not in a handler.
        server.server.shutdown(gracePeriod: .milliseconds(100))
        server.server.waitUntilStopped()
        #expect(try stuck.readUntilClosed().isEmpty)
        #expect(server.server.openConnections == 0)
    }
}

struct ServerReloadTests {
    @Test func reloadRunsEveryReloadHook() throws {
        let server = try TestServer()
        let calls = DispatchSemaphore(value: 0)
        server.server.onReload { calls.signal() }
        server.server.onReload { calls.signal() }
        server.server.reload()
        #expect(calls.wait(timeout: .now()) == .success)
        #expect(calls.wait(timeout: .now()) == .success)
        #expect(calls.wait(timeout: .now()) == .timedOut)
    }
}
