/// A strict RFC 8259 parser into `JSONValue`. It never traps on input: every malformed
/// document is a `JSONError`, and nesting is capped so hostile input cannot exhaust the stack.
///
/// For the request path that only needs a few fields (SubjectAccessReview), `JSONReader`
/// reads the same grammar without building a document.
public struct JSONParser {
    /// Maximum nesting of arrays and objects. Kubernetes objects nest a few dozen levels.
    public static let defaultMaxDepth = 512

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) -> JSONValue in
            try parse(buffer, maxDepth: maxDepth)
        }
    }

    public static func parse(_ string: String, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        var string = string
        var result: Result<JSONValue, JSONError> = .failure(JSONError(.unexpectedEnd, at: 0))
        string.withUTF8 { buffer in
            result = Result { () throws(JSONError) -> JSONValue in try parse(buffer, maxDepth: maxDepth) }
        }
        return try result.get()
    }

    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { throw JSONError(.unexpectedEnd, at: 0) }
        var builder = JSONDocumentBuilder(base: base, count: buffer.count, maxDepth: maxDepth)
        return try builder.parseDocument()
    }
}
