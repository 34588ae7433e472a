#if canImport(Glibc)
import Glibc
#endif
import CSystemShim
import HTTPServer
import Testing

/// The plain-HTTP probe listener serves only /healthz, /readyz and /metrics.
struct ServerProbeListenerTests {
    /// One plain HTTP/1.1 exchange with `Connection: close`; returns the raw answer.
    static func plainRequest(port: Int, _ request: String) throws -> String {
        let fd = shim_connect_tcp("127.0.0.1", UInt16(port))
        try #require(fd >= 0)
        defer { close(fd) }
        _ = shim_set_timeouts(fd, 5000)
        var bytes = Array(request.utf8)
        _ = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            answer.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test func probeListenerServesHealthAndReadiness() throws {
        let server = try TestServer(probe: true)
        let port = try #require(server.probePort)
        let healthz = try Self.plainRequest(port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(healthz == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        server.readiness.markNotReady("state", reason: "first load pending")
        let readyz = try Self.plainRequest(port: port, "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(readyz.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(readyz.hasSuffix("\r\n\r\nnot ready:\nstate: first load pending\n"))
        let metrics = try Self.plainRequest(port: port, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(metrics.contains("seed_webhooks_requests_total{webhook=\"healthz\",code=\"200\"} 1"))
    }

    @Test func probeListenerDoesNotServeWebhooks() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/webhooks/auth/seed")], probe: true)
        let port = try #require(server.probePort)
        let answer = try Self.plainRequest(port: port, "POST /webhooks/auth/seed HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        #expect(answer.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(recorder.all.isEmpty)
    }

    @Test func tlsListenerRefusesPlainHTTP() throws {
        let server = try TestServer()
        let answer = try Self.plainRequest(port: server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(!answer.contains("200 OK"))
    }
}
