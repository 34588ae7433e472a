import JSON

/// `metav1.GroupVersionKind` as an AdmissionReview carries it.
public struct GroupVersionKind: Sendable, Equatable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// `core.gardener.cloud/v1beta1, Kind=CloudProfile`, `/v1, Kind=Service` (Go's `GroupVersionKind.String`).
    public var description: String { group + "/" + version + ", Kind=" + kind }
}

/// `metav1.GroupVersionResource` as an AdmissionReview carries it.
public struct GroupVersionResource: Sendable, Equatable {
    public var group: String
    public var version: String
    public var resource: String

    public init(group: String, version: String, resource: String) {
        self.group = group
        self.version = version
        self.resource = resource
    }
}

/// The operation an admission request is for.
public enum AdmissionOperation: String, Sendable, Equatable {
    case create = "CREATE"
    case update = "UPDATE"
    case delete = "DELETE"
    case connect = "CONNECT"
}

/// The `request` of an AdmissionReview (admission.k8s.io/v1 and v1beta1 have the same shape).
/// Objects stay JSON documents so that fields this program does not know survive untouched.
public struct AdmissionRequest: Sendable {
    public var uid: String
    public var kind: GroupVersionKind
    public var resource: GroupVersionResource
    /// Empty for the main resource, e.g. `"status"` for the status subresource.
    public var subResource: String
    public var requestKind: GroupVersionKind?
    public var requestResource: GroupVersionResource?
    public var requestSubResource: String
    public var name: String
    /// Empty for cluster-scoped objects (kube-apiserver leaves the key out).
    public var namespace: String
    public var operation: AdmissionOperation
    public var userInfo: JSONValue
    /// nil when kube-apiserver sent `null` (DELETE) or left it out.
    public var object: JSONValue?
    /// nil when kube-apiserver sent `null` (CREATE) or left it out.
    public var oldObject: JSONValue?
    public var dryRun: Bool
    /// The typed options (`CreateOptions`, `UpdateOptions`, `DeleteOptions`), or nil.
    public var options: JSONValue?

    public init(uid: String, kind: GroupVersionKind, resource: GroupVersionResource, subResource: String = "",
                requestKind: GroupVersionKind? = nil, requestResource: GroupVersionResource? = nil,
                requestSubResource: String = "", name: String = "", namespace: String = "",
                operation: AdmissionOperation, userInfo: JSONValue = .object(JSONObject()),
                object: JSONValue? = nil, oldObject: JSONValue? = nil, dryRun: Bool = false, options: JSONValue? = nil) {
        self.uid = uid
        self.kind = kind
        self.resource = resource
        self.subResource = subResource
        self.requestKind = requestKind
        self.requestResource = requestResource
        self.requestSubResource = requestSubResource
        self.name = name
        self.namespace = namespace
        self.operation = operation
        self.userInfo = userInfo
        self.object = object
        self.oldObject = oldObject
        self.dryRun = dryRun
        self.options = options
    }

    /// Decodes the `request` member of an AdmissionReview. Missing optional members take their
    /// zero value, as Go's decoder gives them; a member of the wrong JSON type is an error.
    public init(json: JSONValue) throws(AdmissionReviewError) {
        guard let request = json.objectValue else { throw .malformed("request must be an object") }
        let fields = Fields(object: request, path: "request")
        uid = try fields.string("uid")
        if uid.isEmpty { throw .malformed("request.uid is missing") }
        kind = try fields.groupVersionKind("kind") ?? GroupVersionKind(group: "", version: "", kind: "")
        resource = try fields.groupVersionResource("resource") ?? GroupVersionResource(group: "", version: "", resource: "")
        subResource = try fields.string("subResource")
        requestKind = try fields.groupVersionKind("requestKind")
        requestResource = try fields.groupVersionResource("requestResource")
        requestSubResource = try fields.string("requestSubResource")
        name = try fields.string("name")
        namespace = try fields.string("namespace")
        let operationText = try fields.string("operation")
        guard let operation = AdmissionOperation(rawValue: operationText) else {
            throw .malformed(operationText.isEmpty ? "request.operation is missing" : "request.operation is not one of CREATE, UPDATE, DELETE, CONNECT")
        }
        self.operation = operation
        userInfo = request["userInfo"] ?? .object(JSONObject())
        object = try fields.document("object")
        oldObject = try fields.document("oldObject")
        dryRun = try fields.bool("dryRun")
        options = try fields.document("options")
    }
}

/// Typed access to the members of one JSON object, with errors that name the member.
private struct Fields {
    var object: JSONObject
    var path: String

    func string(_ key: String) throws(AdmissionReviewError) -> String {
        switch object[key] {
        case nil, .null?: return ""
        case .string(let value)?: return value
        default: throw .malformed("\(path).\(key) must be a string")
        }
    }

    func bool(_ key: String) throws(AdmissionReviewError) -> Bool {
        switch object[key] {
        case nil, .null?: return false
        case .bool(let value)?: return value
        default: throw .malformed("\(path).\(key) must be a boolean")
        }
    }

    func document(_ key: String) throws(AdmissionReviewError) -> JSONValue? {
        switch object[key] {
        case nil, .null?: return nil
        case .object?: return object[key]
        default: throw .malformed("\(path).\(key) must be an object")
        }
    }

    func member(_ key: String) throws(AdmissionReviewError) -> Fields? {
        guard let value = try document(key), let members = value.objectValue else { return nil }
        return Fields(object: members, path: path + "." + key)
    }

    func groupVersionKind(_ key: String) throws(AdmissionReviewError) -> GroupVersionKind? {
        guard let fields = try member(key) else { return nil }
        return GroupVersionKind(group: try fields.string("group"), version: try fields.string("version"), kind: try fields.string("kind"))
    }

    func groupVersionResource(_ key: String) throws(AdmissionReviewError) -> GroupVersionResource? {
        guard let fields = try member(key) else { return nil }
        return GroupVersionResource(group: try fields.string("group"), version: try fields.string("version"), resource: try fields.string("resource"))
    }
}
