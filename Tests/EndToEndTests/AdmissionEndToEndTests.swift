import Foundation
import HTTPServer
import JSON
import Testing
import Webhooks

/// The admission wire layer and the CloudProfile webhooks behind the real TLS server, fed
/// kube-apiserver's captured bytes.
struct AdmissionEndToEndTests {
    static let now = Timestamp(rfc3339: "2026-11-24T17:17:13Z") ?? Timestamp(seconds: 0)
    static let validate = "/webhooks/validate/cloudprofiles?timeout=10s"
    static let mutate = "/webhooks/mutate/cloudprofiles?timeout=10s"

    private func server(_ settings: CloudProfileSettings = CloudProfileSettings()) throws -> TestServer {
        let clock: @Sendable () -> Timestamp = { Self.now }
        return try TestServer(routes: admissionRoutes([
            CloudProfileValidationWebhook(settings: settings, clock: clock),
            CloudProfileMutationWebhook(settings: settings, clock: clock),
        ]))
    }

    static let fixtures = [
        "admissionreview-v1-cloudprofile-create-deny-me.json", "admissionreview-v1-cloudprofile-create-dryrun.json",
        "admissionreview-v1-cloudprofile-create.json", "admissionreview-v1-cloudprofile-delete.json",
        "admissionreview-v1-cloudprofile-update-serverside-apply.json", "admissionreview-v1-service-create-by-admin.json",
        "admissionreview-v1-service-create-by-seed.json",
    ]

    @Test func everyCapturedReviewIsAnsweredOverOneKeepAliveConnection() throws {
        let server = try server()
        let client = try server.client(alpn: ["h2", "http/1.1"])
        let captured = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.shared.appendingPathComponent("fixtures/kube-apiserver").path)
            .filter { $0.hasPrefix("admissionreview-") }.sorted()
        #expect(captured == Self.fixtures)
        for fixture in captured {
            let body = try kubeAPIServerFixture(fixture)
            let uid = try #require(try JSONParser.parse(body)[path: "request", "uid"]?.stringValue)
            for path in [Self.validate, Self.mutate] {
                let response = try client.request("POST", path, headers: kubeAPIServerAdmissionHeaders, body: body)
                #expect(response.status == 200)
                #expect(response.header("Content-Type") == "application/json")
                let expected = fixture.contains("service")
                    ? #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":""# + uid + #"","allowed":false,"status":{"code":400,"message":"this webhook admits core.gardener.cloud CloudProfiles and NamespacedCloudProfiles, not /v1, Kind=Service"}}}"#
                    : #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":""# + uid + #"","allowed":true}}"#
                #expect(response.text == expected + "\n", "\(fixture) \(path)")
            }
        }
    }

    @Test func aLifecycleViolationIsDeniedWithGardenersMessage() throws {
        let server = try server()
        var review = try JSONParser.parse(try kubeAPIServerFixture("admissionreview-v1-cloudprofile-create.json"))
        review["request"]?["object"]?["spec"]?["kubernetes"] = try JSONParser.parse(
            #"{"versions":[{"version":"1.36.2","lifecycle":[{"classification":"supported"},{"classification":"preview","startTime":"2026-01-01T00:00:00Z"}]}]}"#)
        let response = try server.client().request("POST", Self.validate, headers: kubeAPIServerAdmissionHeaders, body: JSONWriter.serialize(review))
        #expect(response.status == 200)
        #expect(response.text == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"597a5a83-5d3f-45bf-8642-1aa2e9520398","allowed":false,"status":{"code":403,"message":"spec.kubernetes.versions[0].lifecycle[1].classification: Invalid value: \"preview\": lifecycle classifications not in expected order (preview, supported, deprecated, expired): preview must be before supported"}}}"# + "\n")
    }

    @Test func theMutationPatchAppliesWithPythonAndASecondPassChangesNothing() throws {
        let server = try server(CloudProfileSettings(migrateLegacyClassification: true))
        let client = try server.client()
        var review = try JSONParser.parse(try kubeAPIServerFixture("admissionreview-v1-cloudprofile-create.json"))
        review["request"]?["object"]?["spec"]?["kubernetes"] = try JSONParser.parse(
            #"{"versions":[{"version":"1.30.0","expirationDate":"2026-01-01T00:00:00Z"},{"version":"1.35.0","classification":"deprecated","expirationDate":"2027-01-01T00:00:00Z"},{"version":"1.36.2"}]}"#)
        let body = JSONWriter.serialize(review)
        let first = try client.request("POST", Self.mutate, headers: kubeAPIServerAdmissionHeaders, body: body)
        #expect(try JSONParser.parse(first.body)[path: "response", "patchType"] == .string("JSONPatch"))
        let mutated = try admittedObject(request: body, answer: first.body)
        #expect(JSONWriter.string(try #require(mutated[path: "spec", "kubernetes"]))
            == #"{"versions":[{"version":"1.35.0","lifecycle":[{"classification":"deprecated"},{"classification":"expired","startTime":"2027-01-01T00:00:00Z"}]},{"version":"1.36.2"}]}"#)
        #expect(mutated["metadata"] == review[path: "request", "object", "metadata"])
        let again = try reviewReplacingObject(body, with: mutated)
        let second = try client.request("POST", Self.mutate, headers: kubeAPIServerAdmissionHeaders, body: again)
        #expect(second.text == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"597a5a83-5d3f-45bf-8642-1aa2e9520398","allowed":true}}"# + "\n")
        let validation = try client.request("POST", Self.validate, headers: kubeAPIServerAdmissionHeaders, body: again)
        #expect(try JSONParser.parse(validation.body)[path: "response", "allowed"] == .bool(true))
    }

    @Test func statusSubresourceUpdatesGetTheCurrentClassifications() throws {
        let server = try server()
        var review = try JSONParser.parse(try kubeAPIServerFixture("admissionreview-v1-cloudprofile-update-serverside-apply.json"))
        review["request"]?["subResource"] = .string("status")
        let body = JSONWriter.serialize(review)
        let response = try server.client().request("POST", Self.mutate, headers: kubeAPIServerAdmissionHeaders, body: body)
        let mutated = try admittedObject(request: body, answer: response.body)
        #expect(mutated["status"] == (try JSONParser.parse(#"{"kubernetes":{"versions":[{"version":"1.36.2","classification":"supported"}]}}"#)))
    }

    @Test func v1beta1IsAnsweredInV1beta1() throws {
        let server = try server()
        var review = try JSONParser.parse(try kubeAPIServerFixture("admissionreview-v1-cloudprofile-create.json"))
        review["apiVersion"] = .string("admission.k8s.io/v1beta1")
        let response = try server.client().request("POST", Self.validate, headers: kubeAPIServerAdmissionHeaders, body: JSONWriter.serialize(review))
        #expect(response.text == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1beta1","response":{"uid":"597a5a83-5d3f-45bf-8642-1aa2e9520398","allowed":true}}"# + "\n")
    }

    @Test(arguments: [
        ("<html>", "application/json", #"{"code":400,"message":"request body is not JSON: unexpected character at byte 0"}"#),
        ("", "application/json", #"{"code":400,"message":"request body is empty"}"#),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}"#, "application/json", #"{"code":400,"message":"not a valid AdmissionReview: request is missing"}"#),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"operation":"CREATE","object":{}}}"#, "application/json", #"{"code":400,"message":"not a valid AdmissionReview: request.uid is missing"}"#),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u"}}"#, "text/plain", #"{"code":400,"message":"Content-Type must be application/json"}"#),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","kind":{"group":"core.gardener.cloud","version":"v1beta1","kind":"CloudProfile"},"operation":"CREATE","object":{"spec":{"kubernetes":{"versions":"1.36"}}}}}"#, "application/json", ""),
    ])
    func malformedReviewsGetAClearAnswerAndTheConnectionStaysUsable(body: String, contentType: String, expected: String) throws {
        let server = try server()
        let client = try server.client()
        var headers = kubeAPIServerAdmissionHeaders.filter { $0.0 != "Content-Type" }
        headers.append(("Content-Type", contentType))
        for path in [Self.validate, Self.mutate] {
            let response = try client.request("POST", path, headers: headers, body: Array(body.utf8))
            if expected.isEmpty {
                // A review whose object is not a CloudProfile: an AdmissionReview denial with code 400.
                #expect(response.status == 200)
                #expect(response.text == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"u","allowed":false,"status":{"code":400,"message":"cannot decode CloudProfile: spec.kubernetes.versions: must be an array"}}}"# + "\n")
            } else {
                #expect(response.status == 400)
                #expect(response.text == expected + "\n")
            }
        }
        let healthy = try client.request("POST", Self.validate, headers: kubeAPIServerAdmissionHeaders, body: try kubeAPIServerFixture("admissionreview-v1-cloudprofile-create.json"))
        #expect(healthy.status == 200)
    }
}
