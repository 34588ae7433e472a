import Authorizer
import JSON

/// Encodes answers as Gardener's handler does (`pkg/webhook/authorizer/response.go`): a
/// SubjectAccessReview in the request's apiVersion carrying only `status`. The constant parts are
/// encoded once.
public enum SubjectAccessReviewResponse {
    private static func prefix(_ version: SubjectAccessReviewVersion) -> [UInt8] {
        Array(#"{"apiVersion":"\#(version.rawValue)","kind":"SubjectAccessReview","status":{"allowed":"#.utf8)
    }
    private static let v1Prefix = prefix(.v1)
    private static let v1beta1Prefix = prefix(.v1beta1)
    private static let v1Allowed = v1Prefix + Array("true}}".utf8)
    private static let v1beta1Allowed = v1beta1Prefix + Array("true}}".utf8)
    private static let v1NoOpinion = v1Prefix + Array("false}}".utf8)
    private static let v1beta1NoOpinion = v1beta1Prefix + Array("false}}".utf8)

    /// `{"allowed":true}` or `{"allowed":false[,"reason":…]}` (no `denied`: never a deny).
    public static func encode(_ decision: Decision, version: SubjectAccessReviewVersion) -> [UInt8] {
        switch decision {
        case .allow:
            return version == .v1 ? v1Allowed : v1beta1Allowed
        case .noOpinion(let reason):
            if reason.isEmpty { return version == .v1 ? v1NoOpinion : v1beta1NoOpinion }
            var out = version == .v1 ? v1Prefix : v1beta1Prefix
            out.reserveCapacity(out.count + reason.utf8.count + 24)
            out.append(contentsOf: #"false,"reason":"#.utf8)
            JSONWriter.writeString(reason, into: &out)
            out.append(contentsOf: "}}".utf8)
            return out
        }
    }

    /// `{"allowed":false,"evaluationError":"<code> <message>"}`.
    public static func evaluationError(code: Int, _ message: String, version: SubjectAccessReviewVersion) -> [UInt8] {
        var out = version == .v1 ? v1Prefix : v1beta1Prefix
        out.append(contentsOf: #"false,"evaluationError":"#.utf8)
        JSONWriter.writeString("\(code) \(message)", into: &out)
        out.append(contentsOf: "}}".utf8)
        return out
    }
}
