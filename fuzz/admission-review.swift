import JSON
import Webhooks

// libFuzzer harness: every admission webhook behind its AdmissionReviewHandler on arbitrary
// bodies (AdmissionReview decoding, the CloudProfile, TokenRequestor and traffic-distribution
// policies, kubeconfig and PEM handling inside them). Beyond "no crash": an answer is an
// AdmissionReview echoing the uid; the answer decided from the request bytes is the one the
// documents give; a validating webhook never patches; a mutating webhook's
// patch applies to the object, and asking again with the patched object gives no patch
// (design.md: applying the webhook to its own output is a no-op).
let handlers: [AdmissionReviewHandler] = {
    let clock: @Sendable () -> Timestamp = { Timestamp(seconds: 1_790_000_000) }
    let ca = Array("-----BEGIN CERTIFICATE-----\nMIIBfuzz\n-----END CERTIFICATE-----\n".utf8)
    let policy = TokenRequestorPolicy()
    var webhooks: [any AdmissionWebhook] = [
        CloudProfileValidationWebhook(clock: clock), CloudProfileMutationWebhook(clock: clock),
        TokenRequestorValidatingWebhook(policy: policy), TokenRequestorMutatingWebhook(policy: policy) { ca },
    ]
    for version in ["1.30", "1.31", "1.33", "1.34"] {
        guard let traffic = try? TrafficDistributionWebhooks(kubernetesVersion: version) else { fatalError("version \(version)") }
        webhooks += traffic.all
    }
    return webhooks.map { AdmissionReviewHandler(webhook: $0) }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAdmissionReview(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    let decoded = try? AdmissionReview.decode(body)
    let document = try? JSONParser.parse(body)
    if decoded != nil, document == nil { fatalError("the AdmissionReview decoder accepted a body that is not JSON") }
    for handler in handlers {
        guard let answer = try? handler.review(body) else { continue }
        guard let review = try? JSONParser.parse(answer), let response = review["response"],
              response["allowed"]?.boolValue != nil else {
            fatalError("\(handler.webhook.name): not an AdmissionReview answer: \(String(decoding: answer, as: UTF8.self))")
        }
        if let uid = document?[path: "request", "uid"], case .string = uid, response["uid"] != uid {
            fatalError("\(handler.webhook.name): the uid is not echoed")
        }
        // A webhook that decides from the request bytes answers as it does on the documents.
        if let decoded, let viaDocuments = try? handler.respond(to: decoded).encode(apiVersion: decoded.apiVersion), viaDocuments != answer {
            fatalError("\(handler.webhook.name): the request bytes and the documents are answered differently")
        }
        guard let patch = response["patch"] else { continue }
        guard handler.webhook.mutating else { fatalError("\(handler.webhook.name): a validating webhook sent a patch") }
        guard let document, !FuzzSupport.hasDuplicateKeys(document) else { continue }
        checkIdempotent(handler, document: document, patch: patch)
    }
    return 0
}

/// Applies the answer's patch to request.object and asks again: the second answer has no patch.
func checkIdempotent(_ handler: AdmissionReviewHandler, document: JSONValue, patch: JSONValue) {
    guard case .string(let text) = patch, let bytes = try? Base64Codec.decode(text),
          let operations = try? JSONPatch.operations(from: JSONParser.parse(bytes)) else {
        fatalError("\(handler.webhook.name): the patch is not base64 JSON Patch")
    }
    guard let object = document[path: "request", "object"],
          let patched = try? JSONPatch.apply(operations, to: object) else {
        fatalError("\(handler.webhook.name): the patch does not apply to the object")
    }
    var again = document
    again["request"]?["object"] = patched
    guard let answer = try? handler.review(JSONWriter.serialize(again)), let review = try? JSONParser.parse(answer) else {
        fatalError("\(handler.webhook.name): the patched object is refused")
    }
    if review[path: "response", "patch"] != nil {
        fatalError("\(handler.webhook.name): not idempotent, its own output gets another patch: \(String(decoding: answer, as: UTF8.self))")
    }
}
