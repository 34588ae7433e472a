import HTTPServer
import Synchronization

/// The routes the hostile-client suites attack: an echo, fixed-size pages for clients that do
/// not read, and a route that counts its hits so a test can prove a smuggled request never
/// reached a handler.
final class HostileRoutes: Sendable {
    /// Hits of `/smuggled`.
    let smuggledHits = Atomic<Int>(0)

    /// `/page`: a 4 KiB answer, so pipelined answers fill socket buffers quickly.
    static let page = [UInt8](repeating: UInt8(ascii: "p"), count: 4096)
    /// `/big`: a 1 MiB answer, more than loopback socket buffers hold at once.
    static let big = [UInt8](repeating: UInt8(ascii: "b"), count: 1 << 20)
    /// `/huge`: 8 MiB, twice what loopback socket buffers take before the server must wait.
    static let huge = [UInt8](repeating: UInt8(ascii: "h"), count: 8 << 20)

    var routes: [Route] {
        [
            Route(["POST"], "/echo", name: "echo") { request in
                Response(status: 200, contentType: "application/octet-stream", body: request.body)
            },
            Route(["GET"], "/page", name: "page") { request in
                // The query comes back in a header so a reader can check answers arrive in order.
                Response(status: 200, contentType: "text/plain", headers: [("X-Query", request.query)], body: HostileRoutes.page)
            },
            Route(["GET"], "/big", name: "big") { _ in
                Response(status: 200, contentType: "text/plain", body: HostileRoutes.big)
            },
            Route(["GET"], "/huge", name: "huge") { _ in
                Response(status: 200, contentType: "text/plain", body: HostileRoutes.huge)
            },
            Route(["GET"], "/headers", name: "headers") { request in
                .text(200, String(request.headers.count))
            },
            Route(["GET", "POST"], "/smuggled", name: "smuggled") { [self] _ in
                smuggledHits.add(1, ordering: .relaxed)
                return .text(200, "smuggled")
            },
        ]
    }

    var smuggled: Int { smuggledHits.load(ordering: .relaxed) }
}

extension TestServer {
    /// A server with the hostile routes, two loops, and the given limits.
    static func hostile(_ routes: HostileRoutes, limits: ServerLimits = ServerLimits(), requireClientCertificate: Bool = false) throws -> TestServer {
        try TestServer(routes: routes.routes, limits: limits, requireClientCertificate: requireClientCertificate)
    }

    /// A connected raw TCP client (no TLS).
    func rawClient(timeoutMillis: Int32 = 5000) throws -> RawTCPClient {
        try RawTCPClient(port: port, timeoutMillis: timeoutMillis)
    }

    /// A well-behaved client's request on a new connection; nil when it was not answered `200 ok`.
    func healthzAnswered() -> Bool {
        guard let client = try? client(), let response = try? client.request("GET", "/healthz") else { return false }
        return response.status == 200 && response.text == "ok"
    }

    /// Server-side sockets still open for this server's TLS port.
    var serverSideSockets: Int { ProcessResources.serverSideSockets(port: port) }

    /// The value of one series in the Prometheus exposition, e.g.
    /// `seed_webhooks_tls_handshakes_total{result="failed"}`; nil when absent.
    func metricValue(_ series: String) -> Double? {
        var buffer: [UInt8] = []
        metrics.emit(into: &buffer)
        let text = String(decoding: buffer, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
