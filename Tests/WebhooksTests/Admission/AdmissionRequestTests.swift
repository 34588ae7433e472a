import JSON
import Testing
@testable import Webhooks

struct AdmissionRequestTests {
    @Test func decodesACapturedCreateWithExplicitNullOldObject() throws {
        let review = try AdmissionReview.decode(try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json"))
        let request = review.request
        #expect(review.apiVersion == .v1)
        #expect(request.uid == "597a5a83-5d3f-45bf-8642-1aa2e9520398")
        #expect(request.kind == GroupVersionKind(group: "core.gardener.cloud", version: "v1beta1", kind: "CloudProfile"))
        #expect(request.resource == GroupVersionResource(group: "core.gardener.cloud", version: "v1beta1", resource: "cloudprofiles"))
        #expect(request.requestKind == request.kind)
        #expect(request.requestResource == request.resource)
        #expect(request.subResource == "")
        #expect(request.name == "local")
        #expect(request.namespace == "")
        #expect(request.operation == .create)
        #expect(request.userInfo["username"] == .string("gardener.cloud:system:seed:local"))
        #expect(request.object?[path: "spec", "type"] == .string("local"))
        #expect(request.oldObject == nil)
        #expect(request.dryRun == false)
        #expect(request.options?["kind"] == .string("CreateOptions"))
    }

    /// Of a member given twice the last counts, also when the last is null.
    @Test func aKindGivenTwiceCountsWithItsLastValue() throws {
        let body = #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","operation":"CREATE","kind":{"group":"g","version":"v","kind":"K"},"kind":null,"resource":{"group":"g"},"resource":{"version":"v"}}}"#
        let request = try AdmissionReview.decode(Array(body.utf8)).request
        #expect(request.kind == GroupVersionKind(group: "", version: "", kind: ""))
        #expect(request.resource == GroupVersionResource(group: "", version: "v", resource: ""))
    }

    @Test func decodesDryRunAndDeleteWithNullObject() throws {
        let dryRun = try AdmissionReview.decode(try Fixtures.bytes("admissionreview-v1-cloudprofile-create-dryrun.json")).request
        #expect(dryRun.dryRun == true)
        #expect(dryRun.options?["dryRun"] == .array([.string("All")]))
        let delete = try AdmissionReview.decode(try Fixtures.bytes("admissionreview-v1-cloudprofile-delete.json")).request
        #expect(delete.operation == .delete)
        #expect(delete.object == nil)
        #expect(delete.oldObject?[path: "metadata", "name"] == .string("local"))
        #expect(delete.options?["kind"] == .string("DeleteOptions"))
    }

    @Test func decodesANamespacedBuiltInObject() throws {
        let request = try AdmissionReview.decode(try Fixtures.bytes("admissionreview-v1-service-create-by-seed.json")).request
        #expect(request.kind == GroupVersionKind(group: "", version: "v1", kind: "Service"))
        #expect(!request.namespace.isEmpty)
        #expect(request.object?["kind"] == .string("Service"))
    }

    @Test func decodesV1beta1() throws {
        let body = #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1beta1","request":{"uid":"u1","kind":{"group":"","version":"v1","kind":"Secret"},"resource":{"group":"","version":"v1","resource":"secrets"},"namespace":"ns","operation":"UPDATE","userInfo":{},"object":{"a":1},"oldObject":{"a":2},"dryRun":true}}"#
        let review = try AdmissionReview.decode(Array(body.utf8))
        #expect(review.apiVersion == .v1beta1)
        #expect(review.request.operation == .update)
        #expect(review.request.options == nil)
        #expect(review.request.oldObject == .object(JSONObject(["a": .number("2")])))
    }

    @Test(arguments: [
        ("", AdmissionReviewError.emptyBody),
        ("hello", .notJSON("unexpected character at byte 0")),
        ("[]", .malformed("the body must be a JSON object")),
        (#"{"kind":"AdmissionReview"}"#, .malformed("apiVersion is missing")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v2"}"#, .malformed("apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1")),
        (#"{"kind":"SubjectAccessReview","apiVersion":"admission.k8s.io/v1"}"#, .malformed("kind must be AdmissionReview")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}"#, .malformed("request is missing")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":null}"#, .malformed("request is missing")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"operation":"CREATE"}}"#, .malformed("request.uid is missing")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":7}}"#, .malformed("request.uid must be a string")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u"}}"#, .malformed("request.operation is missing")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","operation":"PATCH"}}"#, .malformed("request.operation is not one of CREATE, UPDATE, DELETE, CONNECT")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","operation":"CREATE","object":"x"}}"#, .malformed("request.object must be an object")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","operation":"CREATE","kind":{"kind":1}}}"#, .malformed("request.kind.kind must be a string")),
        (#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","operation":"CREATE","dryRun":"yes"}}"#, .malformed("request.dryRun must be a boolean")),
    ])
    func rejectsWhatIsNotAnAdmissionReview(body: String, expected: AdmissionReviewError) {
        #expect(throws: expected) { try AdmissionReview.decode(Array(body.utf8)) }
    }

    @Test func errorMessagesSayWhatIsWrong() {
        #expect(AdmissionReviewError.malformed("request is missing").description == "not a valid AdmissionReview: request is missing")
        #expect(AdmissionReviewError.notJSON("unexpected end of input at byte 3").description == "request body is not JSON: unexpected end of input at byte 3")
        #expect(AdmissionReviewError.emptyBody.description == "request body is empty")
    }
}
