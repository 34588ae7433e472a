import JSON

/// The JSONPatch (RFC 6902) a mutating webhook answers with: the difference between the
/// object kube-apiserver sent and the object the webhook returned.
enum AdmissionPatch {
    /// The patch as JSON text, or nil when the documents are equal.
    static func patch(from original: JSONValue, to modified: JSONValue) -> [UInt8]? {
        let operations = JSONPatch.diff(from: original, to: modified)
        return operations.isEmpty ? nil : JSONPatch.serialize(operations)
    }

    /// Standard base64 with padding (RFC 4648 §4), as Go encodes `[]byte` in JSON.
    static func appendBase64(_ bytes: [UInt8], to out: inout [UInt8]) {
        Base64Codec.encode(bytes, into: &out)
    }
}
