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
        guard json.objectValue != nil else { throw .malformed("request must be an object") }
        let bytes = JSONWriter.serialize(json)
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(AdmissionReviewError) -> AdmissionRequest in
            var reader = JSONReader(buffer)
            let scan: RequestScan
            do {
                _ = try reader.next()  // {
                scan = try RequestScan.scan(&reader)
            } catch {
                throw .notJSON("\(error)")  // unreachable: the bytes were just written
            }
            return try scan.complete(apiVersion: .v1, in: JSONReader(buffer)).request(in: buffer)
        }
    }
}
