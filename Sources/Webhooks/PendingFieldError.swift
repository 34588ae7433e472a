/// A Kubernetes field error, rendered as `k8s.io/apimachinery/pkg/util/validation/field` does.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case invalid = "Invalid value", notSupported = "Unsupported value", forbidden = "Forbidden", required = "Required value" }
    public var path: String
    public var kind: Kind
    /// The offending value already rendered (`"x"`), or nil when it is omitted.
    public var renderedValue: String?
    public var detail: String

    public static func invalid(_ path: String, value: String?, detail: String) -> FieldError {
        FieldError(path: path, kind: .invalid, renderedValue: value.map(quote), detail: detail)
    }
    public static func notSupported(_ path: String, value: String, supported: [String]) -> FieldError {
        FieldError(path: path, kind: .notSupported, renderedValue: quote(value),
                   detail: "supported values: " + supported.map(quote).joined(separator: ", "))
    }
    public static func forbidden(_ path: String, detail: String) -> FieldError {
        FieldError(path: path, kind: .forbidden, renderedValue: nil, detail: detail)
    }
    static func quote(_ s: String) -> String { "\"" + s + "\"" }

    public var description: String {
        var s = path + ": " + kind.rawValue
        if let renderedValue { s += ": " + renderedValue }
        if !detail.isEmpty { s += ": " + detail }
        return s
    }
}
