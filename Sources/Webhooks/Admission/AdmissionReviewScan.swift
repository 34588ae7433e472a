import JSON

/// An AdmissionReview read in one pass with `JSONReader`: the envelope checked, the request's
/// scalar fields kept as spans of the body (checked for type, not yet turned into strings), its
/// documents (`userInfo`, `object`, `oldObject`, `options`) only located. A webhook that can
/// decide from bytes (`RawAdmissionWebhook`) never pays for strings or documents it does not
/// read; `request(in:)` builds them for the others. This is the only decoder of reviews, so both
/// paths accept and refuse exactly the same input with the same messages.
struct AdmissionReviewScan {
    var apiVersion: AdmissionReview.APIVersion
    /// The request's members as read (spans into the body).
    var fields: RequestScan
    var operation: AdmissionOperation
    var dryRun: Bool
    var userInfo: Range<Int>?
    var object: Range<Int>?
    var oldObject: Range<Int>?
    var options: Range<Int>?

    /// Reads what a webhook needs from `object` (false) or `oldObject` (true) while the review is
    /// scanned: the reader is before the object's `{`; it returns true having read the whole
    /// object, or false to have it skipped. It may throw only the reader's `JSONError`.
    /// Never escaping, so what it captures stays on the stack.
    typealias ObjectVisitor = (inout JSONReader, _ old: Bool) throws -> Bool

    /// Reads a whole request body, locating its documents.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>) throws(AdmissionReviewError) -> AdmissionReviewScan {
        try scan(buffer) { _, _ in false }
    }

    /// Reads a whole request body, `visitObject` reading its objects.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>, visitObject: ObjectVisitor) throws(AdmissionReviewError) -> AdmissionReviewScan {
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

    /// The request's fields as strings, without its documents (`object`, `oldObject`, `options`
    /// nil, `userInfo` empty).
    func requestFields(in buffer: UnsafeBufferPointer<UInt8>) -> AdmissionRequest {
        func text(_ value: RequestScan.Value) -> String { self.text(value, in: buffer) }
        func kind(_ fields: RequestScan.GroupVersionFields) -> GroupVersionKind {
            GroupVersionKind(group: text(fields.group), version: text(fields.version), kind: text(fields.name))
        }
        func resource(_ fields: RequestScan.GroupVersionFields) -> GroupVersionResource {
            GroupVersionResource(group: text(fields.group), version: text(fields.version), resource: text(fields.name))
        }
        let scan = self.fields
        return AdmissionRequest(
            uid: text(scan.uid), kind: kind(scan.members(of: scan.kind, scan.kindFields)),
            resource: resource(scan.members(of: scan.resource, scan.resourceFields)),
            subResource: text(scan.subResource),
            requestKind: scan.requestKind == .object ? kind(scan.requestKindFields) : nil,
            requestResource: scan.requestResource == .object ? resource(scan.requestResourceFields) : nil,
            requestSubResource: text(scan.requestSubResource), name: text(scan.name), namespace: text(scan.namespace),
            operation: operation, dryRun: dryRun)
    }

    /// A string member's text; "" when absent or null.
    func text(_ value: RequestScan.Value, in buffer: UnsafeBufferPointer<UInt8>) -> String {
        guard case .string(let span) = value else { return "" }
        return JSONReader(buffer).string(span)
    }

    /// The request with its strings and documents built.
    func request(in buffer: UnsafeBufferPointer<UInt8>) throws(AdmissionReviewError) -> AdmissionRequest {
        func parse(_ range: Range<Int>?) throws(AdmissionReviewError) -> JSONValue? {
            guard let range else { return nil }
            do {
                return try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range]))
            } catch {
                throw .notJSON(error.description)  // unreachable: the reader has accepted these bytes
            }
        }
        var request = requestFields(in: buffer)
        request.userInfo = try parse(userInfo) ?? .object(JSONObject())
        request.object = try parse(object)
        request.oldObject = try parse(oldObject)
        request.options = try parse(options)
        return request
    }

    private static func scanEnvelope(_ reader: inout JSONReader, visitObject: ObjectVisitor) throws -> AdmissionReviewScan {
        guard try reader.next() == .objectStart else {
            // Read the rest first: a body that is not JSON at all is reported as such.
            while try reader.next() != nil {}
            throw AdmissionReviewError.malformed("the body must be a JSON object")
        }
        var apiVersion: AdmissionReview.APIVersion?
        var apiVersionGiven = false
        var isAdmissionReview = false
        var request: RequestScan?
        var requestIsNull = false
        var requestNotObject = false
        while let key = try reader.nextKey() {
            if reader.matches(key, "apiVersion") {
                let span = try reader.scalarSpan()
                apiVersionGiven = span != nil
                apiVersion = span.flatMap { span in
                    if reader.matches(span, "admission.k8s.io/v1") { return .v1 }
                    if reader.matches(span, "admission.k8s.io/v1beta1") { return .v1beta1 }
                    return nil
                }
            } else if reader.matches(key, "kind") {
                isAdmissionReview = try reader.scalarSpan().map { reader.matches($0, "AdmissionReview") } ?? false
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
        guard apiVersionGiven else { throw AdmissionReviewError.malformed("apiVersion is missing") }
        guard let apiVersion else {
            throw AdmissionReviewError.malformed("apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1")
        }
        guard isAdmissionReview else { throw AdmissionReviewError.malformed("kind must be AdmissionReview") }
        if requestNotObject { throw AdmissionReviewError.malformed("request must be an object") }
        guard let request, !requestIsNull else { throw AdmissionReviewError.malformed("request is missing") }
        return try request.complete(apiVersion: apiVersion, in: reader)
    }
}

/// The members of one `request` object as read, checked afterwards in a fixed order. Strings
/// stay spans of the body, so reading and copying a scan counts no references.
struct RequestScan {
    /// A member's value: absent/null, a string, a bool, an object (its members in the matching
    /// `…Fields`), a document's range, or the wrong type (reported only when that member is checked).
    enum Value: Equatable {
        case none
        case string(JSONStringSpan)
        case bool(Bool)
        case object
        case range(Range<Int>)
        case wrongType
    }

    /// The members of a `{group, version, kind}` or `{group, version, resource}` object.
    struct GroupVersionFields {
        var group = Value.none
        var version = Value.none
        var name = Value.none
    }

    /// The members of a `{group, version, …}` member as they count: none unless it was an object
    /// (its last value, when given more than once).
    func members(of value: Value, _ fields: GroupVersionFields) -> GroupVersionFields {
        value == .object ? fields : GroupVersionFields()
    }

    var uid = Value.none
    var kind = Value.none
    var kindFields = GroupVersionFields()
    var resource = Value.none
    var resourceFields = GroupVersionFields()
    var subResource = Value.none
    var requestKind = Value.none
    var requestKindFields = GroupVersionFields()
    var requestResource = Value.none
    var requestResourceFields = GroupVersionFields()
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
    static func scan(_ reader: inout JSONReader, visitObject: AdmissionReviewScan.ObjectVisitor = { _, _ in false }) throws -> RequestScan {
        var scan = RequestScan()
        while let key = try reader.nextKey() {
            if reader.matches(key, "uid") { scan.uid = try reader.scalar() }
            else if reader.matches(key, "kind") { scan.kind = try reader.groupVersion("kind", into: &scan.kindFields) }
            else if reader.matches(key, "resource") { scan.resource = try reader.groupVersion("resource", into: &scan.resourceFields) }
            else if reader.matches(key, "subResource") { scan.subResource = try reader.scalar() }
            else if reader.matches(key, "requestKind") { scan.requestKind = try reader.groupVersion("kind", into: &scan.requestKindFields) }
            else if reader.matches(key, "requestResource") { scan.requestResource = try reader.groupVersion("resource", into: &scan.requestResourceFields) }
            else if reader.matches(key, "requestSubResource") { scan.requestSubResource = try reader.scalar() }
            else if reader.matches(key, "name") { scan.name = try reader.scalar() }
            else if reader.matches(key, "namespace") { scan.namespace = try reader.scalar() }
            else if reader.matches(key, "operation") { scan.operation = try reader.scalar() }
            else if reader.matches(key, "userInfo") { scan.userInfo = try reader.documentRange() }
            else if reader.matches(key, "object") { scan.object = try reader.documentRange(old: false, visit: visitObject) }
            else if reader.matches(key, "oldObject") { scan.oldObject = try reader.documentRange(old: true, visit: visitObject) }
            else if reader.matches(key, "dryRun") { scan.dryRun = try reader.scalar() }
            else if reader.matches(key, "options") { scan.options = try reader.documentRange() }
            else { try reader.skipValue() }
        }
        return scan
    }

    /// Checks every member's type (the messages a decoder of the document gives) and that the
    /// request has a uid and a known operation; strings are not built here.
    func complete(apiVersion: AdmissionReview.APIVersion, in reader: JSONReader) throws(AdmissionReviewError) -> AdmissionReviewScan {
        guard let uid = try Self.string(self.uid, "request.uid"), uid.count > 0 else { throw .malformed("request.uid is missing") }
        try Self.groupVersion(kind, kindFields, "request.kind", name: "kind")
        try Self.groupVersion(resource, resourceFields, "request.resource", name: "resource")
        _ = try Self.string(subResource, "request.subResource")
        try Self.groupVersion(requestKind, requestKindFields, "request.requestKind", name: "kind")
        try Self.groupVersion(requestResource, requestResourceFields, "request.requestResource", name: "resource")
        _ = try Self.string(requestSubResource, "request.requestSubResource")
        _ = try Self.string(name, "request.name")
        _ = try Self.string(namespace, "request.namespace")
        let operation: AdmissionOperation
        switch try Self.string(self.operation, "request.operation") {
        case nil: throw .malformed("request.operation is missing")
        case let span? where span.count == 0: throw .malformed("request.operation is missing")
        case let span?:
            if reader.matches(span, "CREATE") { operation = .create }
            else if reader.matches(span, "UPDATE") { operation = .update }
            else if reader.matches(span, "DELETE") { operation = .delete }
            else if reader.matches(span, "CONNECT") { operation = .connect }
            else { throw .malformed("request.operation is not one of CREATE, UPDATE, DELETE, CONNECT") }
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
        return AdmissionReviewScan(apiVersion: apiVersion, fields: self, operation: operation, dryRun: dryRun,
                                   userInfo: userInfo, object: object, oldObject: oldObject, options: options)
    }

    /// A string member's span; nil when absent or null.
    private static func string(_ value: Value, _ path: String) throws(AdmissionReviewError) -> JSONStringSpan? {
        switch value {
        case .none: return nil
        case .string(let span): return span
        default: throw .malformed("\(path) must be a string")
        }
    }

    private static func groupVersion(_ value: Value, _ fields: GroupVersionFields, _ path: String, name: String) throws(AdmissionReviewError) {
        switch value {
        case .none: return
        case .object:
            _ = try string(fields.group, path + ".group")
            _ = try string(fields.version, path + ".version")
            _ = try string(fields.name, path + "." + name)
        default: throw .malformed("\(path) must be an object")
        }
    }

    private static func document(_ value: Value, _ path: String) throws(AdmissionReviewError) -> Range<Int>? {
        switch value {
        case .none: return nil
        case .range(let range): return range
        default: throw .malformed("\(path) must be an object")
        }
    }
}

extension JSONReader {
    /// The next value as a string's span, nil for null; other values are skipped and count as missing.
    mutating func scalarSpan() throws -> JSONStringSpan? {
        switch try next() {
        case .string(let span)?: return span
        case .objectStart?, .arrayStart?: try skipRest(); return nil
        default: return nil
        }
    }

    /// The next value as a `RequestScan.Value`: strings and bools kept, null as `.none`,
    /// anything else skipped as `.wrongType`.
    mutating func scalar() throws -> RequestScan.Value {
        switch try next() {
        case .string(let span)?: return .string(span)
        case .bool(let value)?: return .bool(value)
        case .null?: return RequestScan.Value.none
        case .objectStart?, .arrayStart?: try skipRest(); return .wrongType
        default: return .wrongType
        }
    }

    /// The next value as `{group, version, <name>}`: `.object` with its members put in `fields`,
    /// `.none` for null, else `.wrongType`.
    mutating func groupVersion(_ nameKey: StaticString, into fields: inout RequestScan.GroupVersionFields) throws -> RequestScan.Value {
        switch try next() {
        case .objectStart?:
            fields = RequestScan.GroupVersionFields()
            while let key = try nextKey() {
                if matches(key, "group") { fields.group = try scalar() }
                else if matches(key, "version") { fields.version = try scalar() }
                else if matches(key, nameKey) { fields.name = try scalar() }
                else { try skipValue() }
            }
            return .object
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
    mutating func documentRange(old: Bool = false, visit: AdmissionReviewScan.ObjectVisitor = { _, _ in false }) throws -> RequestScan.Value {
        let mark = self
        switch try next() {
        case .objectStart?:
            let start = offset - 1
            self = mark
            if try visit(&self, old) { return .range(start..<offset) }
            self = mark
            try skipValue()
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
