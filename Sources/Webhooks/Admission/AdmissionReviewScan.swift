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

    /// Reads a whole request body.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>) throws(AdmissionReviewError) -> AdmissionReviewScan {
        if buffer.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .emptyBody }
        var reader = JSONReader(buffer)
        do {
            return try scanEnvelope(&reader)
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

    private static func scanEnvelope(_ reader: inout JSONReader) throws -> AdmissionReviewScan {
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
                    request = try RequestScan.scan(&reader)
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
    /// A member's value: absent/null, a string, an object's fields, a document's range, or the
    /// wrong type (reported only if that member is checked).
    enum Value {
        case none
        case string(String)
        case bool(Bool)
        case fields([String: Value])
        case range(Range<Int>)
        case wrongType
    }

    var members: [String: Value] = [:]

    static let documentKeys: Set<String> = ["userInfo", "object", "oldObject", "options"]
    static let objectKeys: Set<String> = ["kind", "resource", "requestKind", "requestResource"]

    /// Reads the members of a request object whose `{` has been read, up to its `}`.
    static func scan(_ reader: inout JSONReader) throws -> RequestScan {
        var scan = RequestScan()
        while case .key(let keySpan)? = try reader.next() {
            let key = reader.string(keySpan)
            if documentKeys.contains(key) {
                scan.members[key] = try reader.documentRange()
            } else if objectKeys.contains(key) {
                switch try reader.next() {
                case .objectStart?:
                    var fields: [String: Value] = [:]
                    while case .key(let field)? = try reader.next() {
                        fields[reader.string(field)] = try reader.scalar()
                    }
                    scan.members[key] = .fields(fields)
                case .null?:
                    scan.members[key] = Value.none
                default:
                    try reader.skipRest()
                    scan.members[key] = .wrongType
                }
            } else {
                scan.members[key] = try reader.scalar()
            }
        }
        return scan
    }

    func complete(apiVersion: AdmissionReview.APIVersion) throws(AdmissionReviewError) -> AdmissionReviewScan {
        let uid = try string("uid")
        if uid.isEmpty { throw .malformed("request.uid is missing") }
        let kind = try groupVersionKind("kind") ?? GroupVersionKind(group: "", version: "", kind: "")
        let resource = try groupVersionResource("resource") ?? GroupVersionResource(group: "", version: "", resource: "")
        let subResource = try string("subResource")
        let requestKind = try groupVersionKind("requestKind")
        let requestResource = try groupVersionResource("requestResource")
        let requestSubResource = try string("requestSubResource")
        let name = try string("name")
        let namespace = try string("namespace")
        let operationText = try string("operation")
        guard let operation = AdmissionOperation(rawValue: operationText) else {
            throw .malformed(operationText.isEmpty ? "request.operation is missing" : "request.operation is not one of CREATE, UPDATE, DELETE, CONNECT")
        }
        let userInfo = try document("userInfo")
        let object = try document("object")
        let oldObject = try document("oldObject")
        let dryRun = try bool("dryRun")
        let options = try document("options")
        let request = AdmissionRequest(
            uid: uid, kind: kind, resource: resource, subResource: subResource, requestKind: requestKind,
            requestResource: requestResource, requestSubResource: requestSubResource, name: name, namespace: namespace,
            operation: operation, dryRun: dryRun)
        return AdmissionReviewScan(apiVersion: apiVersion, request: request, userInfo: userInfo, object: object,
                                   oldObject: oldObject, options: options)
    }

    private func string(_ key: String, in fields: [String: Value]? = nil, path: String = "request") throws(AdmissionReviewError) -> String {
        switch (fields ?? members)[key] {
        case nil, .none?: return ""
        case .string(let value)?: return value
        default: throw .malformed("\(path).\(key) must be a string")
        }
    }

    private func bool(_ key: String) throws(AdmissionReviewError) -> Bool {
        switch members[key] {
        case nil, .none?: return false
        case .bool(let value)?: return value
        default: throw .malformed("request.\(key) must be a boolean")
        }
    }

    private func document(_ key: String) throws(AdmissionReviewError) -> Range<Int>? {
        switch members[key] {
        case nil, .none?: return nil
        case .range(let range)?: return range
        default: throw .malformed("request.\(key) must be an object")
        }
    }

    private func fields(_ key: String) throws(AdmissionReviewError) -> [String: Value]? {
        switch members[key] {
        case nil, .none?: return nil
        case .fields(let fields)?: return fields
        default: throw .malformed("request.\(key) must be an object")
        }
    }

    private func groupVersionKind(_ key: String) throws(AdmissionReviewError) -> GroupVersionKind? {
        guard let fields = try fields(key) else { return nil }
        let path = "request." + key
        return GroupVersionKind(group: try string("group", in: fields, path: path), version: try string("version", in: fields, path: path),
                                kind: try string("kind", in: fields, path: path))
    }

    private func groupVersionResource(_ key: String) throws(AdmissionReviewError) -> GroupVersionResource? {
        guard let fields = try fields(key) else { return nil }
        let path = "request." + key
        return GroupVersionResource(group: try string("group", in: fields, path: path), version: try string("version", in: fields, path: path),
                                    resource: try string("resource", in: fields, path: path))
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

    /// The next value as a document: the byte range of an object, `.none` for null, else `.wrongType`.
    mutating func documentRange() throws -> RequestScan.Value {
        switch try next() {
        case .objectStart?:
            let start = offset - 1
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
