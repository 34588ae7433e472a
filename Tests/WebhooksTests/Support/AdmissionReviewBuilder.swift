import JSON

/// An admission.k8s.io/v1 AdmissionReview body shaped like kube-apiserver's (the captured
/// Service reviews in the fixtures), for objects the fixtures do not cover.
func admissionReviewBody(uid: String = "0b3c5e0a-7d1f-4a52-9c1e-2f6a8b9d0e11", kind: String, resource: String,
                         operation: String = "CREATE", object: JSONValue?, oldObject: JSONValue? = nil) -> [UInt8] {
    let name = object?["metadata"]?["name"] ?? oldObject?["metadata"]?["name"] ?? .string("")
    let namespace = object?["metadata"]?["namespace"] ?? oldObject?["metadata"]?["namespace"] ?? .string("")
    let gvk = JSONValue.object(JSONObject([JSONMember(key: "group", value: .string("")), JSONMember(key: "version", value: .string("v1")),
                                           JSONMember(key: "kind", value: .string(kind))]))
    let gvr = JSONValue.object(JSONObject([JSONMember(key: "group", value: .string("")), JSONMember(key: "version", value: .string("v1")),
                                           JSONMember(key: "resource", value: .string(resource))]))
    let request = JSONObject([
        JSONMember(key: "uid", value: .string(uid)),
        JSONMember(key: "kind", value: gvk), JSONMember(key: "resource", value: gvr),
        JSONMember(key: "requestKind", value: gvk), JSONMember(key: "requestResource", value: gvr),
        JSONMember(key: "name", value: name), JSONMember(key: "namespace", value: namespace),
        JSONMember(key: "operation", value: .string(operation)),
        JSONMember(key: "userInfo", value: .object(JSONObject([
            JSONMember(key: "username", value: .string("gardener.cloud:system:seed:local")),
            JSONMember(key: "groups", value: .array([.string("gardener.cloud:system:seeds"), .string("system:authenticated")])),
        ]))),
        JSONMember(key: "object", value: object ?? .null),
        JSONMember(key: "oldObject", value: oldObject ?? .null),
        JSONMember(key: "dryRun", value: .bool(false)),
        JSONMember(key: "options", value: .object(JSONObject([
            JSONMember(key: "kind", value: .string(operation == "UPDATE" ? "UpdateOptions" : "CreateOptions")),
            JSONMember(key: "apiVersion", value: .string("meta.k8s.io/v1")),
        ]))),
    ])
    return JSONWriter.serialize(.object(JSONObject([
        JSONMember(key: "kind", value: .string("AdmissionReview")),
        JSONMember(key: "apiVersion", value: .string("admission.k8s.io/v1")),
        JSONMember(key: "request", value: .object(request)),
    ]))) + [0x0A]
}

/// The object a mutating review leads to: its patch applied to the request's object by
/// Python's jsonpatch, or the object itself when the answer has no patch.
func objectAfterReview(request body: [UInt8], answer: [UInt8]) throws -> JSONValue {
    let object = try JSONParser.parse(body)[path: "request", "object"] ?? .null
    let response = try JSONParser.parse(answer)["response"]
    guard let encoded = response?["patch"]?.stringValue else { return object }
    guard response?["patchType"] == .string("JSONPatch"), let patch = base64Decode(encoded) else {
        throw PatchMissing()
    }
    return try applyWithPythonJSONPatch(patch, to: object)
}

struct PatchMissing: Error {}

/// The review body with its `request.object` replaced.
func replacingObject(in body: [UInt8], with object: JSONValue) throws -> [UInt8] {
    var review = try JSONParser.parse(body)
    review["request"]?["object"] = object
    return JSONWriter.serialize(review) + [0x0A]
}
