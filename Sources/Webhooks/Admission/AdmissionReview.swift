import JSON

/// An AdmissionReview as kube-apiserver sends it: the envelope's apiVersion (the answer must
/// carry the same) and the decoded request.
public struct AdmissionReview: Sendable {
    public enum APIVersion: String, Sendable, Equatable {
        case v1 = "admission.k8s.io/v1"
        case v1beta1 = "admission.k8s.io/v1beta1"
    }

    public var apiVersion: APIVersion
    public var request: AdmissionRequest

    public init(apiVersion: APIVersion, request: AdmissionRequest) {
        self.apiVersion = apiVersion
        self.request = request
    }

    /// Decodes a request body. Every failure is an `AdmissionReviewError` (answered with 400).
    public static func decode(_ body: [UInt8]) throws(AdmissionReviewError) -> AdmissionReview {
        try body.withUnsafeBufferPointer { (buffer) throws(AdmissionReviewError) -> AdmissionReview in
            let scan = try AdmissionReviewScan.scan(buffer)
            return AdmissionReview(apiVersion: scan.apiVersion, request: try scan.request(in: buffer))
        }
    }

    /// Decodes a review already parsed (tests, tools); the same rules as for a body.
    public static func decode(_ document: JSONValue) throws(AdmissionReviewError) -> AdmissionReview {
        try decode(JSONWriter.serialize(document))
    }
}

/// The `response` of an AdmissionReview, encoded the way Go encodes `admissionv1.AdmissionReview`
/// (member order of the Go structs, `patch` base64 of the JSONPatch text).
public struct AdmissionResponse: Sendable, Equatable {
    public struct Status: Sendable, Equatable {
        public var code: Int
        public var message: String
        public init(code: Int, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var uid: String
    public var allowed: Bool
    public var status: Status?
    /// The JSONPatch document (RFC 6902) as JSON text; nil or empty means no patch.
    public var patch: [UInt8]?
    public var warnings: [String]

    public init(uid: String, allowed: Bool, status: Status? = nil, patch: [UInt8]? = nil, warnings: [String] = []) {
        self.uid = uid
        self.allowed = allowed
        self.status = status
        self.patch = patch
        self.warnings = warnings
    }

    /// The complete AdmissionReview answer, with a trailing newline as Go's `json.Encoder` writes.
    public func encode(apiVersion: AdmissionReview.APIVersion) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + (patch?.count ?? 0) * 4 / 3 + (status?.message.utf8.count ?? 0))
        out.append(contentsOf: #"{"kind":"AdmissionReview","apiVersion":""#.utf8)
        out.append(contentsOf: apiVersion.rawValue.utf8)
        out.append(contentsOf: #"","response":{"uid":"#.utf8)
        JSONWriter.write(.string(uid), into: &out)
        out.append(contentsOf: (allowed ? #","allowed":true"# : #","allowed":false"#).utf8)
        if let status {
            out.append(contentsOf: #","status":{"code":"#.utf8)
            out.append(contentsOf: String(status.code).utf8)
            out.append(contentsOf: #","message":"#.utf8)
            JSONWriter.write(.string(status.message), into: &out)
            out.append(UInt8(ascii: "}"))
        }
        if let patch, !patch.isEmpty {
            out.append(contentsOf: #","patch":""#.utf8)
            AdmissionPatch.appendBase64(patch, to: &out)
            out.append(contentsOf: #"","patchType":"JSONPatch""#.utf8)
        }
        if !warnings.isEmpty {
            out.append(contentsOf: #","warnings":"#.utf8)
            JSONWriter.write(.array(warnings.map { .string($0) }), into: &out)
        }
        out.append(contentsOf: "}}\n".utf8)
        return out
    }
}
