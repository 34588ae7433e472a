import HTTPServer
import JSON
import Prometheus
import Testing
@testable import Webhooks

/// A policy for exercising the wire layer: labels objects (mutating) or denies names.
private struct LabelWebhook: AdmissionWebhook {
    var name = "mutate-test"
    var path = "/webhooks/mutate/test"
    var mutating = true
    var warnings: [String] = []

    func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome {
        guard var object = request.object else { return .allowed }
        if object[path: "metadata", "name"] == .string("deny-me") {
            return .validated([.forbidden(FieldPath("metadata", "name"), "must not be deny-me")], warnings: warnings)
        }
        var labels = object[path: "metadata", "labels"]?.objectValue ?? JSONObject()
        labels["seed-webhooks/seen"] = .string("true")
        object["metadata"]?["labels"] = .object(labels)
        return .patched(object: object, warnings: warnings)
    }
}

private struct FailingWebhook: AdmissionWebhook {
    struct Failure: Error {}
    let name = "validate-failing"
    let path = "/webhooks/validate/failing"
    let mutating = false
    func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome { throw Failure() }
}

private func post(_ body: [UInt8], contentType: String = "application/json") -> Request {
    Request(method: "POST", path: "/webhooks/mutate/test", query: "timeout=10s",
            headers: [("Content-Type", contentType)], body: body)
}

/// The `HTTPError` a call throws, as `"<status> <message>"`, or nil.
private func httpError(_ body: () throws -> Response) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as HTTPError {
        return error.description
    } catch {
        return "not an HTTPError: \(error)"
    }
}

struct AdmissionReviewHandlerTests {
    @Test func mutatingWebhookAnswersWithABase64JSONPatch() throws {
        let handler = AdmissionReviewHandler(webhook: LabelWebhook())
        let answer = try JSONParser.parse(try handler.review(try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json")))
        let response = try #require(answer["response"])
        #expect(answer["kind"] == .string("AdmissionReview"))
        #expect(answer["apiVersion"] == .string("admission.k8s.io/v1"))
        #expect(response["uid"] == .string("597a5a83-5d3f-45bf-8642-1aa2e9520398"))
        #expect(response["allowed"] == .bool(true))
        #expect(response["patchType"] == .string("JSONPatch"))
        #expect(response["status"] == nil)
        let patch = try #require(response["patch"]?.stringValue.flatMap(base64Decode))
        #expect(text(patch) == #"[{"op":"add","path":"/metadata/labels/seed-webhooks~1seen","value":"true"}]"#)
    }

    @Test func unchangedObjectGetsNoPatchAndNoPatchType() throws {
        let handler = AdmissionReviewHandler(webhook: LabelWebhook())
        var body = text(try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json"))
        body = body.replacingOccurrences(of: #""labels":{"provider":"local"}"#, with: #""labels":{"provider":"local","seed-webhooks/seen":"true"}"#)
        let answer = text(try handler.review(Array(body.utf8)))
        #expect(answer == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"597a5a83-5d3f-45bf-8642-1aa2e9520398","allowed":true}}"# + "\n")
    }

    @Test func validatingWebhookNeverSendsAPatch() throws {
        let handler = AdmissionReviewHandler(webhook: LabelWebhook(name: "validate-test", path: "/v", mutating: false))
        let answer = text(try handler.review(try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json")))
        #expect(answer == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"597a5a83-5d3f-45bf-8642-1aa2e9520398","allowed":true}}"# + "\n")
    }

    @Test func denialCarriesCode403TheMessageAndWarnings() throws {
        let handler = AdmissionReviewHandler(webhook: LabelWebhook(warnings: ["careful"]))
        let answer = text(try handler.review(try Fixtures.bytes("admissionreview-v1-cloudprofile-create-deny-me.json")))
        let uid = try #require(try Fixtures.json("admissionreview-v1-cloudprofile-create-deny-me.json")[path: "request", "uid"]?.stringValue)
        #expect(answer == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":""# + uid
            + #"","allowed":false,"status":{"code":403,"message":"metadata.name: Forbidden: must not be deny-me"},"warnings":["careful"]}}"# + "\n")
    }

    @Test func answersInTheRequestsAPIVersion() throws {
        let body = #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1beta1","request":{"uid":"abc","operation":"DELETE","object":null,"oldObject":{"metadata":{}}}}"#
        let answer = text(try AdmissionReviewHandler(webhook: LabelWebhook()).review(Array(body.utf8)))
        #expect(answer == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1beta1","response":{"uid":"abc","allowed":true}}"# + "\n")
    }

    @Test func dryRunIsAnsweredIdentically() throws {
        let handler = AdmissionReviewHandler(webhook: LabelWebhook())
        let plain = try JSONParser.parse(try handler.review(try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json")))
        let dryRun = try JSONParser.parse(try handler.review(try Fixtures.bytes("admissionreview-v1-cloudprofile-create-dryrun.json")))
        #expect(plain[path: "response", "patch"] == dryRun[path: "response", "patch"])
    }

    @Test func httpAnswersUndecodableReviewsWith400() throws {
        let handler = AdmissionReviewHandler(webhook: LabelWebhook())
        #expect(httpError { try handler.handle(post(Array("hello".utf8))) } == "400 request body is not JSON: unexpected character at byte 0")
        #expect(httpError { try handler.handle(post(Array(#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}"#.utf8))) }
            == "400 not a valid AdmissionReview: request is missing")
        let fixture = try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json")
        #expect(httpError { try handler.handle(post(fixture, contentType: "text/plain")) } == "400 Content-Type must be application/json")
        let ok = try handler.handle(post(try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json"), contentType: "application/json; charset=utf-8"))
        #expect(ok.status == 200)
        #expect(ok.contentType == "application/json")
    }

    @Test func routerAnswersAThrowingWebhookWithJSON500() throws {
        let router = Router(admissionRoutes([FailingWebhook(), LabelWebhook()]))
        #expect(router.paths == ["/webhooks/mutate/test", "/webhooks/validate/failing"])
        var request = post(try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json"))
        request.path = "/webhooks/validate/failing"
        let (route, response) = router.respond(to: request)
        #expect(route?.name == "validate-failing")
        #expect(response.status == 500)
        #expect(text(response.body) == #"{"code":500,"message":"internal error in admission webhook validate-failing"}"# + "\n")
        request.body = Array("{".utf8)
        #expect(router.respond(to: request).response.status == 400)
    }

    @Test func denialsAreCountedWithGardenersMetric() throws {
        let registry = PrometheusCollectorRegistry()
        let handler = AdmissionReviewHandler(webhook: LabelWebhook(), metrics: AdmissionMetrics(registry: registry))
        _ = try handler.review(try Fixtures.bytes("admissionreview-v1-cloudprofile-create-deny-me.json"))
        _ = try handler.review(try Fixtures.bytes("admissionreview-v1-cloudprofile-create.json"))
        let exposition = registry.emitToString()
        #expect(exposition.contains(#"gardener_admission_controller_rejected_resources_total{operation="CREATE",kind="CloudProfile",namespace="",reason="mutate-test"} 1"#))
    }
}
