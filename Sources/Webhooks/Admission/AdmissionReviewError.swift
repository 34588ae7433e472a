/// Why an HTTP request is not an AdmissionReview this server can answer. Every case is
/// answered with HTTP 400 and the message; messages never echo the request body.
public enum AdmissionReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyBody
    case contentType
    case notJSON(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .emptyBody: return "request body is empty"
        case .contentType: return "Content-Type must be application/json"
        case .notJSON(let reason): return "request body is not JSON: \(reason)"
        case .malformed(let reason): return "not a valid AdmissionReview: \(reason)"
        }
    }
}
