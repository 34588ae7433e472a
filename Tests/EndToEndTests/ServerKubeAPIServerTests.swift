import Foundation
import HTTPServer
import Testing

/// Requests shaped exactly as kube-apiserver sends them (kube-apiserver-wire.md), with the
/// captured fixture bodies, through real TLS with ALPN ["h2", "http/1.1"].
struct ServerKubeAPIServerTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestCertificates.fixturesDirectory + "/" + name)))
    }

    static let sarFixtures = [
        "sar-v1-nonresource-get-version.json", "sar-v1-list-shoots-all-namespaces.json",
        "sar-v1-list-shoots-complex-field-and-label-selectors.json", "sar-v1-get-shoot-by-name.json",
        "sar-v1-watch-shoots-field-and-label-selector.json", "sar-v1-patch-shoot-status-subresource.json",
        "sar-v1beta1-list-shoots-field-and-label-selector.json",
    ]

    /// The header block of kube-apiserver's webhook client, in its order.
    static func head(path: String, port: Int, userAgent: String, length: Int) -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: \(userAgent)\r\nContent-Length: \(length)\r\n"
            + "Accept: application/json, */*\r\nContent-Type: application/json\r\nAccept-Encoding: gzip\r\n\r\n"
    }

    @Test func authorizationWebhookRequestsArriveIntactOverOneConnection() throws {
        let recorder = RequestRecorder()
        let answer = Response.json(200, Array(#"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false}}"#.utf8))
        let server = try TestServer(routes: [recorder.route("/webhooks/auth/seed", name: "auth-seed", answer: answer)])
        let client = try server.client(alpn: ["h2", "http/1.1"])
        #expect(client.negotiatedALPN == "http/1.1")
        var bodies: [[UInt8]] = []
        for name in Self.sarFixtures {
            let body = try Self.fixture(name)
            bodies.append(body)
            try client.send(Array(Self.head(path: "/webhooks/auth/seed?timeout=5s", port: server.port, userAgent: "Go-http-client/1.1", length: body.count).utf8) + body)
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.body == answer.body)
        }
        let seen = recorder.all
        #expect(seen.count == Self.sarFixtures.count)
        #expect(seen.map(\.body) == bodies)
        let first = try #require(seen.first)
        #expect(first.method == "POST")
        #expect(first.path == "/webhooks/auth/seed")
        #expect(first.query == "timeout=5s")
        #expect(first.queryParameter("timeout") == "5s")
        #expect(first.mediaType == "application/json")
        #expect(first.headers.map(\.name) == ["Host", "User-Agent", "Content-Length", "Accept", "Content-Type", "Accept-Encoding"])
        #expect(first.header("accept") == "application/json, */*")
        #expect(first.header("User-Agent") == "Go-http-client/1.1")
    }

    @Test func admissionReviewsArriveIntactAndPipelined() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [
            recorder.route("/webhooks/validate/cloudprofiles", name: "validate-cloudprofiles"),
            recorder.route("/webhooks/mutate/traffic-distribution", name: "mutate-traffic-distribution"),
        ])
        let client = try server.client(alpn: ["h2", "http/1.1"])
        let cloudProfile = try Self.fixture("admissionreview-v1-cloudprofile-update-serverside-apply.json")
        let service = try Self.fixture("admissionreview-v1-service-create-by-seed.json")
        // Validating and mutating webhooks to the same host share one connection.
        try client.send(
            Array(Self.head(path: "/webhooks/validate/cloudprofiles?timeout=10s", port: server.port, userAgent: "kube-apiserver-admission", length: cloudProfile.count).utf8)
                + cloudProfile
                + Array(Self.head(path: "/webhooks/mutate/traffic-distribution?timeout=7s", port: server.port, userAgent: "kube-apiserver-admission", length: service.count).utf8)
                + service
        )
        #expect(try client.readResponse().body == cloudProfile)
        #expect(try client.readResponse().body == service)
        #expect(recorder.all.map(\.path) == ["/webhooks/validate/cloudprofiles", "/webhooks/mutate/traffic-distribution"])
        #expect(recorder.all.map { $0.queryParameter("timeout") } == ["10s", "7s"])
    }

    @Test func requestMetricsCountByWebhookAndCode() throws {
        let recorder = RequestRecorder()
        let server = try TestServer(routes: [recorder.route("/webhooks/auth/seed", name: "auth-seed")])
        let client = try server.client()
        let body = try Self.fixture("sar-v1-get-shoot-by-name.json")
        for _ in 0..<3 { _ = try client.request("POST", "/webhooks/auth/seed?timeout=5s", body: body) }
        _ = try client.request("GET", "/webhooks/auth/seed")
        // The same connection switching paths and statuses: each request counts where it belongs.
        _ = try client.request("POST", "/webhooks/auth/other", body: body)
        _ = try client.request("POST", "/webhooks/auth/seed", body: body)
        _ = try client.request("GET", "/webhooks/auth/seed")
        let metrics = String(decoding: try client.request("GET", "/metrics").body, as: UTF8.self)
        #expect(metrics.contains(#"seed_webhooks_requests_total{webhook="auth-seed",code="200"} 4"#))
        #expect(metrics.contains(#"seed_webhooks_requests_total{webhook="auth-seed",code="405"} 2"#))
        #expect(metrics.contains(#"seed_webhooks_requests_total{webhook="unknown",code="404"} 1"#))
        #expect(metrics.contains(#"seed_webhooks_request_duration_seconds_count{webhook="auth-seed"} 6"#))
        #expect(metrics.contains(#"seed_webhooks_request_duration_seconds_bucket{webhook="auth-seed",le="0.0001"}"#))
        #expect(metrics.contains(#"seed_webhooks_requests_in_flight{webhook="auth-seed"} 0.0"#))
        #expect(metrics.contains(#"seed_webhooks_tls_handshakes_total{result="new"} 1"#))
    }
}
