import Foundation
import HTTPServer
import JSON
import Testing
import Webhooks

/// The traffic-distribution webhooks behind the real TLS server, fed kube-apiserver's captured bytes.
struct TrafficDistributionEndToEndTests {
    static let label = "resources.gardener.cloud/topology-aware-routing"

    private func server(version: String) throws -> TestServer {
        try TestServer(routes: admissionRoutes(try TrafficDistributionWebhooks(kubernetesVersion: version).all))
    }

    /// A captured Service review with the opt-in label set on its object.
    private func labelled(_ fixture: String, _ value: String = "true") throws -> [UInt8] {
        var review = try JSONParser.parse(try kubeAPIServerFixture(fixture))
        review["request"]?["object"]?["metadata"]?["labels"] = .object(JSONObject([JSONMember(key: Self.label, value: .string(value))]))
        return JSONWriter.serialize(review) + [0x0A]
    }

    @Test(arguments: ["admissionreview-v1-service-create-by-seed.json", "admissionreview-v1-service-create-by-admin.json"])
    func capturedServiceReviewsPassUnpatched(fixture: String) throws {
        let server = try server(version: "1.34")
        let body = try kubeAPIServerFixture(fixture)
        let uid = try #require(try JSONParser.parse(body)[path: "request", "uid"]?.stringValue)
        let client = try server.client()
        for path in ["/webhooks/mutate/traffic-distribution", "/webhooks/validate/traffic-distribution"] {
            let response = try client.request("POST", path + "?timeout=10s", headers: kubeAPIServerAdmissionHeaders, body: body)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":""# + uid + #"","allowed":true}}"# + "\n")
        }
    }

    @Test(arguments: [("1.30", #"{"resources.gardener.cloud/topology-aware-routing":"true","endpoint-slice-hints.resources.gardener.cloud/consider":"true"}"#, nil as String?),
                      ("1.31", #"{"resources.gardener.cloud/topology-aware-routing":"true","endpoint-slice-hints.resources.gardener.cloud/consider":"true"}"#, "PreferClose"),
                      ("1.33", #"{"resources.gardener.cloud/topology-aware-routing":"true"}"#, "PreferClose"),
                      ("1.34", #"{"resources.gardener.cloud/topology-aware-routing":"true"}"#, "PreferSameZone")])
    func optedInServiceIsPatchedForTheVersionAndThePatchIsStable(version: String, labels: String, trafficDistribution: String?) throws {
        let server = try server(version: version)
        let client = try server.client()
        let body = try labelled("admissionreview-v1-service-create-by-seed.json")
        let first = try client.request("POST", "/webhooks/mutate/traffic-distribution?timeout=10s", headers: kubeAPIServerAdmissionHeaders, body: body)
        #expect(first.status == 200)
        let mutated = try admittedObject(request: body, answer: first.body)
        #expect(mutated["metadata"]?["labels"] == (try JSONParser.parse(labels)))
        #expect(mutated["metadata"]?["annotations"] == (version == "1.30"
            ? .object(JSONObject([JSONMember(key: "service.kubernetes.io/topology-mode", value: .string("auto"))])) : nil))
        #expect(mutated["spec"]?["trafficDistribution"] == trafficDistribution.map(JSONValue.string))

        let again = try reviewReplacingObject(body, with: mutated)
        let second = try client.request("POST", "/webhooks/mutate/traffic-distribution?timeout=10s", headers: kubeAPIServerAdmissionHeaders, body: again)
        #expect(try JSONParser.parse(second.body)[path: "response", "patch"] == nil)
        let validation = try client.request("POST", "/webhooks/validate/traffic-distribution?timeout=10s", headers: kubeAPIServerAdmissionHeaders, body: again)
        #expect(try JSONParser.parse(validation.body)[path: "response", "allowed"] == .bool(true))
    }

    @Test func optOutRemovesSettingsOverTheWire() throws {
        let server = try server(version: "1.34")
        var review = try JSONParser.parse(try labelled("admissionreview-v1-service-create-by-admin.json", "false"))
        review["request"]?["object"]?["spec"]?["trafficDistribution"] = .string("PreferSameZone")
        let body = JSONWriter.serialize(review)
        let response = try server.client().request("POST", "/webhooks/mutate/traffic-distribution", headers: kubeAPIServerAdmissionHeaders, body: body)
        let patch = try #require(try JSONParser.parse(response.body)[path: "response", "patch"]?.stringValue)
        #expect(patch == Base64Text.encode(#"[{"op":"remove","path":"/spec/trafficDistribution"}]"#))
        #expect(try admittedObject(request: body, answer: response.body)["spec"]?["trafficDistribution"] == nil)
    }

    @Test func validatingEndpointDeniesAHandSetConflictAndWarnsAboutPreferClose() throws {
        let server = try server(version: "1.34")
        var review = try JSONParser.parse(try labelled("admissionreview-v1-service-create-by-seed.json"))
        review["request"]?["object"]?["spec"]?["trafficDistribution"] = .string("PreferClose")
        let response = try server.client().request("POST", "/webhooks/validate/traffic-distribution?timeout=10s",
                                                   headers: kubeAPIServerAdmissionHeaders, body: JSONWriter.serialize(review))
        #expect(response.status == 200)
        #expect(response.text == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"74595def-c9dc-446e-bdae-56532bf4d065","allowed":false,"status":{"code":403,"message":"spec.trafficDistribution: Invalid value: \"PreferClose\": conflicts with the label resources.gardener.cloud/topology-aware-routing=true, for which this webhook sets \"PreferSameZone\" on Kubernetes 1.34; remove the field or the label"},"warnings":["spec.trafficDistribution: \"PreferClose\" is deprecated from Kubernetes 1.34 on; use \"PreferSameZone\", its new name"]}}"# + "\n")
    }
}

/// Base64 of a text, for comparing with an answer's `patch`.
enum Base64Text {
    static func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
