import Authorizer
import HTTPServer
import Testing
import Webhooks

struct SeedAuthorizerEndpointTests {
    let endpoint = SubjectAccessReviewFixtureTests.endpoint()

    private func answer(_ body: String, contentType: String? = "application/json") -> String {
        String(decoding: endpoint.respond(contentType: contentType, body: Array(body.utf8)), as: UTF8.self)
    }

    @Test func emptyBodyIs422() {
        #expect(answer("") == #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false,"evaluationError":"422 request body is empty"}}"#)
    }

    @Test func wrongContentTypeIs400() {
        #expect(answer("{}", contentType: "text/plain") == #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false,"evaluationError":"400 contentType=text/plain, expected application/json"}}"#)
        #expect(answer("{}", contentType: nil).contains(#""400 contentType=, expected application/json""#))
    }

    @Test func undecodableJSONIs400() {
        #expect(answer("{\"kind\":").hasPrefix(#"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false,"evaluationError":"400 invalid JSON: "#))
        #expect(answer(#"{"apiVersion":"v1","kind":"Pod"}"#).contains(#""evaluationError":"400 no kind \"Pod\" is registered for version \"v1\"""#))
        #expect(answer(#"{"kind":"SubjectAccessReview"}"#).contains(#""400 Object 'apiVersion' is missing""#))
    }

    @Test func wrongFieldTypeIs400InTheRequestVersion() {
        let body = #"{"apiVersion":"authorization.k8s.io/v1beta1","kind":"SubjectAccessReview","spec":{"user":7}}"#
        #expect(answer(body) == #"{"apiVersion":"authorization.k8s.io/v1beta1","kind":"SubjectAccessReview","status":{"allowed":false,"evaluationError":"400 spec.user: expected string, got number"}}"#)
    }

    @Test func failingSelectorProbeIs500() {
        struct ProbeDown: Error, CustomStringConvertible { var description: String { "connection refused" } }
        let graph = ResourceGraph()
        let endpoint = SeedAuthorizerEndpoint(authorizer: SeedAuthorizer(
            graph: graph, selectors: SelectorAuthorization(.auto, probe: { throw ProbeDown() })))
        let body = #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":{"user":"gardener.cloud:system:seed:local","groups":["gardener.cloud:system:seeds"],"resourceAttributes":{"verb":"list","group":"core.gardener.cloud","resource":"shoots"}}}"#
        let answer = String(decoding: endpoint.respond(contentType: "application/json", body: Array(body.utf8)), as: UTF8.self)
        #expect(answer == #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false,"evaluationError":"500 failed checking if authorization with selectors is possible: connection refused"}}"#)
    }

    @Test func routeAlwaysAnswersHTTP200() throws {
        let router = Router(endpoint.routes())
        let (_, response) = router.respond(to: Request(method: "POST", path: "/webhooks/auth/seed",
                                                       headers: [(name: "Content-Type", value: "application/xml")], body: []))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("422 request body is empty"))
    }

    @Test func debugGraphShowsPathToSeed() throws {
        let router = Router(endpoint.routes(debugHandlers: true))
        let (_, json) = router.respond(to: Request(method: "GET", path: "/debug/graph", query: "kind=Shoot&namespace=garden-local&name=a"))
        let text = String(decoding: json.body, as: UTF8.self)
        #expect(json.status == 200)
        #expect(text.contains(#""pathToSeed":["Shoot:garden-local/a","Seed:local"]"#))
        #expect(text.contains(#"{"from":"Secret:garden-local/a.ca-cluster","to":"Shoot:garden-local/a"}"#))
        let (_, dot) = router.respond(to: Request(method: "GET", path: "/debug/graph", query: "kind=Shoot&namespace=garden-local&name=a&format=dot"))
        #expect(String(decoding: dot.body, as: UTF8.self).contains(#""Shoot:garden-local/a" -> "Seed:local" [color=red];"#))
        #expect(Router(endpoint.routes()).route(for: "/debug/graph") == nil)
    }
}

import Prometheus

struct SeedAuthorizerMetricsTests {
    @Test func decisionsPathChecksAndGraphSizeAreExported() throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = AuthorizerMetrics(registry: registry)
        let graph = ResourceGraph(observer: metrics)
        graph.apply(GardenState([.shoot(ShootReferences(namespace: "garden-local", name: "a", specSeedName: "local"))], now: 0)
                        .events(from: GardenState()))
        let endpoint = SeedAuthorizerEndpoint(authorizer: SeedAuthorizer(graph: graph), metrics: metrics)
        let get = #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":{"user":"gardener.cloud:system:seed:local","groups":["gardener.cloud:system:seeds"],"resourceAttributes":{"namespace":"garden-local","verb":"get","group":"core.gardener.cloud","resource":"shoots","name":"a"}}}"#
        _ = endpoint.respond(contentType: "application/json", body: Array(get.utf8))
        _ = endpoint.respond(contentType: "application/json", body: [])
        let text = registry.emitToString()
        #expect(text.contains(#"seed_webhooks_authorizer_decisions_total{decision="allow",resource="shoots.core.gardener.cloud"} 1"#))
        #expect(text.contains(#"seed_webhooks_authorizer_decisions_total{decision="error",resource="other"} 1"#))
        #expect(text.contains(#"gardener_admission_controller_seed_authorizer_graph_path_check_duration_seconds_count{fromKind="Shoot",toKind="Seed"} 1"#))
        #expect(text.contains(#"gardener_admission_controller_seed_authorizer_graph_update_duration_seconds_count{kind="Shoot",operation="CreateOrUpdate"} 1"#))
        #expect(text.contains(#"gardener_admission_controller_seed_authorizer_graph_update_duration_seconds_bucket{kind="Shoot",operation="CreateOrUpdate",le="0.0001"}"#))
        #expect(text.contains("seed_webhooks_graph_vertices 11"))
        #expect(text.contains("seed_webhooks_graph_edges 10"))
    }
}
