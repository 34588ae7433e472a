import JSON

/// An AdmissionReview read in one pass with `JSONReader`: the envelope and the request's scalar
/// fields decoded, its documents (`userInfo`, `object`, `oldObject`, `options`) only located.
/// A webhook that can decide from bytes (`RawAdmissionWebhook`) never pays for building them;
/// `request(in:)` builds them for the others. This is the only decoder of reviews, so both
/// paths accept and refuse exactly the same input with the same messages.
struct AdmissionReviewScan {
    var apiVersion: AdmissionReview.APIVersion
    /// The request without its documents (`object`, `oldObject`, `options` nil, `userInfo` empty).
    var request: AdmissionRequest
    var userInfo: Range<Int>?
    var object: Range<Int>?
    var oldObject: Range<Int>?
    var options: Range<Int>?

    /// Reads what a webhook needs from `object` (false) or `oldObject` (true) while the review is
    /// scanned: the reader is before the object's `{`; it returns true having read the whole
    /// object, or false to have it skipped. It may throw only the reader's `JSONError`.
    typealias ObjectVisitor = (inout JSONReader, _ old: Bool) throws -> Bool

    /// Reads a whole request body.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>, visitObject: ObjectVisitor? = nil) throws(AdmissionReviewError) -> AdmissionReviewScan {
        if buffer.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .emptyBody }
        var reader = JSONReader(buffer)
        do {
            return try scanEnvelope(&reader, visitObject: visitObject)
        } catch let error as JSONError {
            throw .notJSON(error.description)
        } catch let error as AdmissionReviewError {
            throw error
        } catch {
            throw .malformed("\(error)")
        }
    }

    /// The request with its documents parsed.
    func request(in buffer: UnsafeBufferPointer<UInt8>) throws(AdmissionReviewError) -> AdmissionRequest {
        func parse(_ range: Range<Int>?) throws(AdmissionReviewError) -> JSONValue? {
            guard let range else { return nil }
            do {
                return try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range]))
            } catch {
                throw .notJSON(error.description)  // unreachable: the reader has accepted these bytes
            }
        }
        var request = self.request
        request.userInfo = try parse(userInfo) ?? .object(JSONObject())
        request.object = try parse(object)
        request.oldObject = try parse(oldObject)
        request.options = try parse(options)
        return request
    }

    private static func scanEnvelope(_ reader: inout JSONReader, visitObject: ObjectVisitor?) throws -> AdmissionReviewScan {
        guard try reader.next() == .objectStart else {
            // Read the rest first: a body that is not JSON at all is reported as such.
            while try reader.next() != nil {}
            throw AdmissionReviewError.malformed("the body must be a JSON object")
        }
        var apiVersion: String?
        var kind: String?
        var request: RequestScan?
        var requestIsNull = false
        var requestNotObject = false
        while case .key(let key)? = try reader.next() {
            if reader.matches(key, "apiVersion") {
                apiVersion = try reader.scalarString()
            } else if reader.matches(key, "kind") {
                kind = try reader.scalarString()
            } else if reader.matches(key, "request") {
                switch try reader.next() {
                case .objectStart?:
                    request = try RequestScan.scan(&reader, visitObject: visitObject)
                    requestIsNull = false
                    requestNotObject = false
                case .null?:
                    request = nil
                    requestIsNull = true
                default:
                    try reader.skipRest()
                    request = nil
                    requestNotObject = true
                }
            } else {
                try reader.skipValue()
            }
        }
        guard try reader.next() == nil else { throw JSONError(.trailingData, at: reader.offset) }
        // The checks in the order a reader of the decoded document would make them.
        guard let apiVersion else { throw AdmissionReviewError.malformed("apiVersion is missing") }
        guard let version = AdmissionReview.APIVersion(rawValue: apiVersion) else {
            throw AdmissionReviewError.malformed("apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1")
        }
        guard kind == "AdmissionReview" else { throw AdmissionReviewError.malformed("kind must be AdmissionReview") }
        if requestNotObject { throw AdmissionReviewError.malformed("request must be an object") }
        guard let request, !requestIsNull else { throw AdmissionReviewError.malformed("request is missing") }
        return try request.complete(apiVersion: version)
    }
}

/// The members of one `request` object as read, checked afterwards in a fixed order.
struct RequestScan {
    /// A member's value: absent/null, a string, a bool, an object's fields, a document's range,
    /// or the wrong type (reported only when that member is checked).
    enum Value {
        case none
        case string(String)
        case bool(Bool)
        indirect case fields(GroupVersionFields)
        case range(Range<Int>)
        case wrongType
    }

    /// The members of a `{group, version, kind}` or `{group, version, resource}` object.
    struct GroupVersionFields {
        var group = Value.none
        var version = Value.none
        var name = Value.none
    }

    var uid = Value.none
    var kind = Value.none
    var resource = Value.none
    var subResource = Value.none
    var requestKind = Value.none
    var requestResource = Value.none
    var requestSubResource = Value.none
    var name = Value.none
    var namespace = Value.none
    var operation = Value.none
    var userInfo = Value.none
    var object = Value.none
    var oldObject = Value.none
    var dryRun = Value.none
    var options = Value.none

    /// Reads the members of a request object whose `{` has been read, up to its `}`. Keys are
    /// compared in place; of repeated members the last counts, as with Go's decoder.
    static func scan(_ reader: inout JSONReader, visitObject: AdmissionReviewScan.ObjectVisitor? = nil) throws -> RequestScan {
        var scan = RequestScan()
        while case .key(let key)? = try reader.next() {
            if reader.matches(key, "uid") { scan.uid = try reader.scalar() }
            else if reader.matches(key, "kind") { scan.kind = try reader.groupVersion("kind") }
            else if reader.matches(key, "resource") { scan.resource = try reader.groupVersion("resource") }
            else if reader.matches(key, "subResource") { scan.subResource = try reader.scalar() }
            else if reader.matches(key, "requestKind") { scan.requestKind = try reader.groupVersion("kind") }
            else if reader.matches(key, "requestResource") { scan.requestResource = try reader.groupVersion("resource") }
            else if reader.matches(key, "requestSubResource") { scan.requestSubResource = try reader.scalar() }
            else if reader.matches(key, "name") { scan.name = try reader.scalar() }
            else if reader.matches(key, "namespace") { scan.namespace = try reader.scalar() }
            else if reader.matches(key, "operation") { scan.operation = try reader.scalar() }
            else if reader.matches(key, "userInfo") { scan.userInfo = try reader.documentRange() }
            else if reader.matches(key, "object") { scan.object = try reader.documentRange(visit: visitObject.map { visit in { try visit(&$0, false) } }) }
            else if reader.matches(key, "oldObject") { scan.oldObject = try reader.documentRange(visit: visitObject.map { visit in { try visit(&$0, true) } }) }
            else if reader.matches(key, "dryRun") { scan.dryRun = try reader.scalar() }
            else if reader.matches(key, "options") { scan.options = try reader.documentRange() }
            else { try reader.skipValue() }
        }
        return scan
    }

    func complete(apiVersion: AdmissionReview.APIVersion) throws(AdmissionReviewError) -> AdmissionReviewScan {
        let uid = try Self.string(self.uid, "request.uid")
        if uid.isEmpty { throw .malformed("request.uid is missing") }
        let kind = try Self.fields(self.kind, "request.kind").map { (fields) throws(AdmissionReviewError) in
            GroupVersionKind(group: try Self.string(fields.group, "request.kind.group"), version: try Self.string(fields.version, "request.kind.version"),
                             kind: try Self.string(fields.name, "request.kind.kind"))
        } ?? GroupVersionKind(group: "", version: "", kind: "")
        let resource = try Self.fields(self.resource, "request.resource").map { (fields) throws(AdmissionReviewError) in
            GroupVersionResource(group: try Self.string(fields.group, "request.resource.group"), version: try Self.string(fields.version, "request.resource.version"),
                                 resource: try Self.string(fields.name, "request.resource.resource"))
        } ?? GroupVersionResource(group: "", version: "", resource: "")
        let subResource = try Self.string(self.subResource, "request.subResource")
        let requestKind = try Self.fields(self.requestKind, "request.requestKind").map { (fields) throws(AdmissionReviewError) in
            GroupVersionKind(group: try Self.string(fields.group, "request.requestKind.group"), version: try Self.string(fields.version, "request.requestKind.version"),
                             kind: try Self.string(fields.name, "request.requestKind.kind"))
        }
        let requestResource = try Self.fields(self.requestResource, "request.requestResource").map { (fields) throws(AdmissionReviewError) in
            GroupVersionResource(group: try Self.string(fields.group, "request.requestResource.group"), version: try Self.string(fields.version, "request.requestResource.version"),
                                 resource: try Self.string(fields.name, "request.requestResource.resource"))
        }
        let requestSubResource = try Self.string(self.requestSubResource, "request.requestSubResource")
        let name = try Self.string(self.name, "request.name")
        let namespace = try Self.string(self.namespace, "request.namespace")
        let operationText = try Self.string(self.operation, "request.operation")
        guard let operation = AdmissionOperation(rawValue: operationText) else {
            throw .malformed(operationText.isEmpty ? "request.operation is missing" : "request.operation is not one of CREATE, UPDATE, DELETE, CONNECT")
        }
        let userInfo = try Self.document(self.userInfo, "request.userInfo")
        let object = try Self.document(self.object, "request.object")
        let oldObject = try Self.document(self.oldObject, "request.oldObject")
        let dryRun: Bool
        switch self.dryRun {
        case .none: dryRun = false
        case .bool(let value): dryRun = value
        default: throw .malformed("request.dryRun must be a boolean")
        }
        let options = try Self.document(self.options, "request.options")
        let request = AdmissionRequest(
            uid: uid, kind: kind, resource: resource, subResource: subResource, requestKind: requestKind,
            requestResource: requestResource, requestSubResource: requestSubResource, name: name, namespace: namespace,
            operation: operation, dryRun: dryRun)
        return AdmissionReviewScan(apiVersion: apiVersion, request: request, userInfo: userInfo, object: object,
                                   oldObject: oldObject, options: options)
    }

    private static func string(_ value: Value, _ path: String) throws(AdmissionReviewError) -> String {
        switch value {
        case .none: return ""
        case .string(let text): return text
        default: throw .malformed("\(path) must be a string")
        }
    }

    private static func document(_ value: Value, _ path: String) throws(AdmissionReviewError) -> Range<Int>? {
        switch value {
        case .none: return nil
        case .range(let range): return range
        default: throw .malformed("\(path) must be an object")
        }
    }

    private static func fields(_ value: Value, _ path: String) throws(AdmissionReviewError) -> GroupVersionFields? {
        switch value {
        case .none: return nil
        case .fields(let fields): return fields
        default: throw .malformed("\(path) must be an object")
        }
    }
}

extension JSONReader {
    /// The next value as a string, nil for null; other values are skipped and count as missing.
    mutating func scalarString() throws -> String? {
        switch try next() {
        case .string(let span)?: return string(span)
        case .objectStart?, .arrayStart?: try skipRest(); return nil
        default: return nil
        }
    }

    /// The next value as a `RequestScan.Value`: strings and bools kept, null as `.none`,
    /// anything else skipped as `.wrongType`.
    mutating func scalar() throws -> RequestScan.Value {
        switch try next() {
        case .string(let span)?: return .string(string(span))
        case .bool(let value)?: return .bool(value)
        case .null?: return RequestScan.Value.none
        case .objectStart?, .arrayStart?: try skipRest(); return .wrongType
        default: return .wrongType
        }
    }

    /// The next value as `{group, version, <name>}` fields, `.none` for null, else `.wrongType`.
    mutating func groupVersion(_ nameKey: StaticString) throws -> RequestScan.Value {
        switch try next() {
        case .objectStart?:
            var fields = RequestScan.GroupVersionFields()
            while case .key(let key)? = try next() {
                if matches(key, "group") { fields.group = try scalar() }
                else if matches(key, "version") { fields.version = try scalar() }
                else if matches(key, nameKey) { fields.name = try scalar() }
                else { try skipValue() }
            }
            return .fields(fields)
        case .null?:
            return RequestScan.Value.none
        case .arrayStart?:
            try skipRest()
            return .wrongType
        default:
            return .wrongType
        }
    }

    /// The next value as a document: the byte range of an object, `.none` for null, else
    /// `.wrongType`. `visit` may read the object itself (returning true) instead of skipping it.
    mutating func documentRange(visit: ((inout JSONReader) throws -> Bool)? = nil) throws -> RequestScan.Value {
        let mark = self
        switch try next() {
        case .objectStart?:
            let start = offset - 1
            if let visit {
                self = mark
                if try visit(&self) { return .range(start..<offset) }
                self = mark
                _ = try next()
            }
            try skipRest()
            return .range(start..<offset)
        case .null?:
            return RequestScan.Value.none
        case .arrayStart?:
            try skipRest()
            return .wrongType
        default:
            return .wrongType
        }
    }

    /// Reads up to the end of the container whose opening token was just read.
    mutating func skipRest() throws {
        let floor = depth - 1
        while depth > floor {
            guard try next() != nil else { throw JSONError(.unexpectedEnd, at: offset) }
        }
    }
}
