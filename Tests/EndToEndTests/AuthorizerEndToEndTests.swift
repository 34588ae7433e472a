import Authorizer
import Foundation
import HTTPServer
import Testing
import Webhooks

/// kube-apiserver's SubjectAccessReviews through the real TLS server, one keep-alive connection
/// as kube-apiserver uses, with its headers and ALPN offer; every answer asserted byte for byte.
struct AuthorizerEndToEndTests {
    static let fixtures = RepositoryPaths.shared.appendingPathComponent("fixtures/kube-apiserver")
    static let allowed = #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":true}}"#
    static let silent = #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false}}"#
    static func noOpinion(_ reason: String, _ version: String = "v1") -> String {
        #"{"apiVersion":"authorization.k8s.io/\#(version)","kind":"SubjectAccessReview","status":{"allowed":false,"reason":"\#(reason)"}}"#
    }
    static let mustSelect = noOpinion("must specify field or label selector for name local")

    /// With `garden-local/a` on seed `local`.
    static let expected: [String: String] = [
        "sar-v1-create-cloudprofile.json": noOpinion("only the following verbs are allowed for this resource type: [get list watch]"),
        "sar-v1-create-selfsubjectaccessreviews.json": silent,
        "sar-v1-dns-probe-user-list-shoots.json": silent,
        "sar-v1-from-selfsubjectaccessreview-version-star.json": mustSelect,
        "sar-v1-get-shoot-by-name.json": allowed,
        "sar-v1-get-shoot-status-subresource.json": allowed,
        "sar-v1-impersonated-list-shoots.json": mustSelect,
        "sar-v1-list-shoots-all-namespaces.json": mustSelect,
        "sar-v1-list-shoots-complex-field-and-label-selectors.json": allowed,
        "sar-v1-list-shoots-fieldselector-seedname.json": mustSelect,
        "sar-v1-list-shoots-namespaced-labelselector.json": mustSelect,
        "sar-v1-list-shoots-other-seed-fieldselector.json": noOpinion("must specify field or label selector for name other"),
        "sar-v1-nonresource-get-healthz.json": silent,
        "sar-v1-nonresource-get-version.json": silent,
        "sar-v1-patch-shoot-status-subresource.json": allowed,
        "sar-v1-watch-shoots-field-and-label-selector.json": mustSelect,
        "sar-v1beta1-list-shoots-field-and-label-selector.json": noOpinion("must specify field or label selector for name local", "v1beta1"),
    ]

    static func server() throws -> TestServer {
        let graph = ResourceGraph()
        graph.apply(GardenState([.seed(SeedReferences(name: "local")),
                                 .shoot(ShootReferences(namespace: "garden-local", name: "a", specSeedName: "local"))], now: 0)
                        .events(from: GardenState()))
        return try TestServer(routes: SeedAuthorizerEndpoint(authorizer: SeedAuthorizer(graph: graph)).routes(),
                              requireClientCertificate: true)
    }

    /// A request exactly as kube-apiserver's authorization webhook client writes it (headers in its order).
    static func kubeAPIServerRequest(_ body: [UInt8], port: Int) -> [UInt8] {
        let head = "POST /webhooks/auth/seed?timeout=5s HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            + "User-Agent: Go-http-client/1.1\r\nContent-Length: \(body.count)\r\nAccept: application/json, */*\r\n"
            + "Content-Type: application/json\r\nAccept-Encoding: gzip\r\n\r\n"
        return Array(head.utf8) + body
    }

    @Test func everyCapturedReviewIsAnsweredExactly() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasPrefix("sar-") }.sorted()
        #expect(Set(names) == Set(Self.expected.keys))
        let server = try Self.server()
        defer { server.stop() }
        let client = try server.client(alpn: ["h2", "http/1.1"], clientCertificate: true)
        for name in names {
            let body = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
            try client.send(Self.kubeAPIServerRequest(body, port: server.port))
            let response = try client.readResponse()
            #expect(response.status == 200, "\(name)")
            #expect(response.header("Content-Type") == "application/json", "\(name)")
            #expect(String(decoding: response.body, as: UTF8.self) == Self.expected[name], "\(name)")
        }
    }

    @Test func malformedReviewsGetHTTP200WithAnEvaluationError() throws {
        let server = try Self.server()
        defer { server.stop() }
        let client = try server.client(clientCertificate: true)
        let empty = try client.request("POST", "/webhooks/auth/seed", headers: [("Content-Type", "application/json")], body: [])
        #expect(empty.status == 200)
        #expect(String(decoding: empty.body, as: UTF8.self)
                == #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false,"evaluationError":"422 request body is empty"}}"#)
        let text = Array("{}".utf8)
        let wrongType = try client.request("POST", "/webhooks/auth/seed", headers: [("Content-Type", "text/plain")], body: text)
        #expect(wrongType.status == 200)
        #expect(String(decoding: wrongType.body, as: UTF8.self)
                == #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false,"evaluationError":"400 contentType=text/plain, expected application/json"}}"#)
        let garbage = Array("{\"apiVersion\":".utf8)
        try client.send(Self.kubeAPIServerRequest(garbage, port: server.port))
        let undecodable = try client.readResponse()
        #expect(undecodable.status == 200)
        #expect(String(decoding: undecodable.body, as: UTF8.self).contains(#""evaluationError":"400 invalid JSON: "#))
    }
}
