import JSON
import Testing
@testable import Webhooks

/// 2026-06-01T00:00:00Z: the "now" of every lifecycle test.
let testNow = Timestamp(rfc3339: "2026-06-01T00:00:00Z") ?? Timestamp(seconds: 0)

func time(_ text: String) -> Timestamp {
    guard let time = Timestamp(rfc3339: text) else {
        Issue.record("bad test time \(text)")
        return Timestamp(seconds: 0)
    }
    return time
}

func json(_ text: String) -> JSONValue {
    do {
        return try JSONParser.parse(text)
    } catch {
        Issue.record("bad test JSON: \(error) in \(text)")
        return .null
    }
}

/// A CloudProfile document with the given Kubernetes versions and machine images (JSON text of
/// the arrays) and a member this program does not know, to prove it survives.
func cloudProfile(kubernetes: String, machineImages: String? = nil, kind: String = "CloudProfile", status: String? = nil) -> JSONValue {
    var text = #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":""# + kind + #"","metadata":{"name":"local"},"spec":{"#
    text += #""kubernetes":{"versions":"# + kubernetes + "}"
    if let machineImages { text += #","machineImages":"# + machineImages }
    text += #","type":"local","x-unknown":{"keep":[1,2.50,"me"]}}"#
    if let status { text += #","status":"# + status }
    return json(text + "}")
}

func request(_ object: JSONValue?, old: JSONValue? = nil, operation: AdmissionOperation = .create,
             kind: String = "CloudProfile", subResource: String = "") -> AdmissionRequest {
    let resource = kind == "CloudProfile" ? "cloudprofiles" : "namespacedcloudprofiles"
    return AdmissionRequest(
        uid: "test-uid",
        kind: GroupVersionKind(group: "core.gardener.cloud", version: "v1beta1", kind: kind),
        resource: GroupVersionResource(group: "core.gardener.cloud", version: "v1beta1", resource: resource),
        subResource: subResource, name: "local", namespace: kind == "CloudProfile" ? "" : "garden-local",
        operation: operation, object: object, oldObject: old)
}

let fixedClock: @Sendable () -> Timestamp = { testNow }

func validate(_ object: JSONValue, old: JSONValue? = nil, kind: String = "CloudProfile",
              settings: CloudProfileSettings = CloudProfileSettings()) throws -> AdmissionOutcome {
    let webhook = CloudProfileValidationWebhook(settings: settings, clock: fixedClock)
    return try webhook.admit(request(object, old: old, operation: old == nil ? .create : .update, kind: kind))
}

/// The denial message, or nil when allowed.
func denial(_ outcome: AdmissionOutcome) -> String? {
    if case .denied(let code, let message, _) = outcome { return "\(code) \(message)" }
    return nil
}
