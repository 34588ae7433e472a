import JSON
import Testing
@testable import Webhooks

struct TrafficDistributionWebhookTests {
    private func webhooks(_ version: String) throws -> TrafficDistributionWebhooks {
        try TrafficDistributionWebhooks(kubernetesVersion: version)
    }

    /// The captured review with the opt-in label on its Service.
    private func labelledFixture(_ name: String, _ value: String = "true") throws -> [UInt8] {
        var review = try Fixtures.json(name)
        review["request"]?["object"]?["metadata"]?["labels"] = .object(JSONObject([JSONMember(key: optIn, value: .string(value))]))
        return JSONWriter.serialize(review) + [0x0A]
    }

    @Test(arguments: ["admissionreview-v1-service-create-by-seed.json", "admissionreview-v1-service-create-by-admin.json"])
    func capturedServicesWithoutTheLabelPassUnchanged(fixture: String) throws {
        let uid = try #require(try Fixtures.json(fixture)[path: "request", "uid"]?.stringValue)
        let allowed = #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":""# + uid + #"","allowed":true}}"# + "\n"
        for webhook in try webhooks("1.34").all {
            #expect(text(try AdmissionReviewHandler(webhook: webhook).review(try Fixtures.bytes(fixture))) == allowed)
        }
    }

    @Test func capturedServiceWithTheLabelGetsPreferSameZoneOnOneThirtyFour() throws {
        let body = try labelledFixture("admissionreview-v1-service-create-by-seed.json")
        let answer = try JSONParser.parse(try AdmissionReviewHandler(webhook: try webhooks("1.34").mutating).review(body))
        let patch = try #require(answer[path: "response", "patch"]?.stringValue.flatMap(base64Decode))
        #expect(text(patch) == #"[{"op":"add","path":"/spec/trafficDistribution","value":"PreferSameZone"}]"#)
        #expect(answer[path: "response", "patchType"] == .string("JSONPatch"))
    }

    @Test(arguments: ["1.29", "1.31", "1.32", "1.34"], ["admissionreview-v1-service-create-by-seed.json", "admissionreview-v1-service-create-by-admin.json"])
    func patchesApplyWithPythonJSONPatchAndAreIdempotent(version text: String, fixture: String) throws {
        let webhooks = try webhooks(text)
        let mutating = AdmissionReviewHandler(webhook: webhooks.mutating)
        for value in ["true", "false"] {
            let body = try labelledFixture(fixture, value)
            let mutated = try objectAfterReview(request: body, answer: try mutating.review(body))
            let original = try #require(try JSONParser.parse(body)[path: "request", "object"])
            #expect(mutated == (webhooks.mutating.policy.mutate(original, version: version(text)) ?? original))
            let again = try replacingObject(in: body, with: mutated)
            #expect(try JSONParser.parse(try mutating.review(again))[path: "response", "patch"] == nil)
            let validation = try JSONParser.parse(try AdmissionReviewHandler(webhook: webhooks.validating).review(again))
            #expect(validation[path: "response", "allowed"] == .bool(true))
        }
    }

    @Test func staleSettingsAreRemovedByAPatchPythonApplies() throws {
        let stale = service(labels: [(optIn, "true"), (consider, "true")], annotations: [(topologyMode, "auto"), (topologyHints, "auto")],
                            trafficDistribution: "PreferClose")
        let body = admissionReviewBody(kind: "Service", resource: "services", operation: "UPDATE", object: stale, oldObject: stale)
        let mutated = try objectAfterReview(request: body, answer: try AdmissionReviewHandler(webhook: try webhooks("v1.35.1").mutating).review(body))
        #expect(mutated == service(labels: [(optIn, "true")], annotations: [], trafficDistribution: "PreferSameZone")
            .replacingEmptyAnnotations())
    }

    @Test func validationDenialNamesTheFieldAndKeepsTheDeprecationWarning() throws {
        let body = admissionReviewBody(uid: "u-1", kind: "Service", resource: "services",
                                       object: service(labels: [(optIn, "true")], trafficDistribution: "PreferClose"))
        let answer = text(try AdmissionReviewHandler(webhook: try webhooks("1.34").validating).review(body))
        #expect(answer == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"u-1","allowed":false,"status":{"code":403,"message":"spec.trafficDistribution: Invalid value: \"PreferClose\": conflicts with the label resources.gardener.cloud/topology-aware-routing=true, for which this webhook sets \"PreferSameZone\" on Kubernetes 1.34; remove the field or the label"},"warnings":["spec.trafficDistribution: \"PreferClose\" is deprecated from Kubernetes 1.34 on; use \"PreferSameZone\", its new name"]}}"# + "\n")
    }

    @Test func unknownVersionFailsOnlyRequestsThatNeedIt() throws {
        let webhooks = TrafficDistributionWebhooks(kubernetesVersion: { throw TrafficDistributionWebhooks.VersionUnknown("discovery pending") })
        let plain = try AdmissionRequest(json: try #require(try Fixtures.json("admissionreview-v1-service-create-by-seed.json")["request"]))
        #expect(try webhooks.mutating.admit(plain) == .allowed)
        #expect(try webhooks.validating.admit(plain) == .allowed)
        let labelled = try AdmissionRequest(json: try #require(try JSONParser.parse(try labelledFixture("admissionreview-v1-service-create-by-seed.json"))["request"]))
        #expect(throws: TrafficDistributionWebhooks.VersionUnknown.self) { try webhooks.mutating.admit(labelled) }
    }

    @Test func otherResourcesAndDeletesAreAllowedUntouched() throws {
        let webhooks = try webhooks("1.34")
        let labelled = service(labels: [(optIn, "true")])
        for body in [admissionReviewBody(kind: "Service", resource: "services", operation: "DELETE", object: nil, oldObject: labelled),
                     admissionReviewBody(kind: "ConfigMap", resource: "configmaps", object: labelled)] {
            let request = try AdmissionRequest(json: try #require(try JSONParser.parse(body)["request"]))
            #expect(try webhooks.mutating.admit(request) == .allowed)
            #expect(try webhooks.validating.admit(request) == .allowed)
        }
    }

    @Test func factoryRefusesAVersionThatIsNotOne() {
        #expect(throws: TrafficDistributionWebhooks.InvalidVersion(text: "latest")) { try TrafficDistributionWebhooks(kubernetesVersion: "latest") }
        #expect(TrafficDistributionWebhooks.InvalidVersion(text: "latest").description
            == #"trafficDistribution.kubernetesVersion "latest" is not a Kubernetes version such as "1.34" or "v1.34.2""#)
    }

    @Test func factoryNamesPathsAndConfiguredLabel() throws {
        let webhooks = try TrafficDistributionWebhooks(optInLabel: "example.com/zonal", kubernetesVersion: "1.33")
        #expect(webhooks.all.map(\.path) == ["/webhooks/validate/traffic-distribution", "/webhooks/mutate/traffic-distribution"])
        #expect(webhooks.all.map(\.name) == ["validate-traffic-distribution", "mutate-traffic-distribution"])
        #expect(webhooks.all.map(\.mutating) == [false, true])
        #expect(webhooks.mutating.policy.optInLabel == "example.com/zonal")
        #expect(try TrafficDistributionWebhooks(optInLabel: "", kubernetesVersion: "1.33").mutating.policy.optInLabel == optIn)
    }
}

private extension JSONValue {
    /// The mutation removes keys from an existing annotations map and leaves it empty rather than dropping it.
    func replacingEmptyAnnotations() -> JSONValue {
        var copy = self
        copy["metadata"]?["annotations"] = .object(JSONObject())
        return copy
    }
}
