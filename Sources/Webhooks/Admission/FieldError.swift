import JSON

/// One field-level validation error, rendered exactly as Kubernetes' `field.Error.Error()`
/// (`k8s.io/apimachinery/pkg/util/validation/field/errors.go`):
/// `spec.x: Invalid value: "v": detail`, `spec.x: Forbidden: detail`,
/// `spec.x: Required value: detail`, `spec.x: Duplicate value: "v"`,
/// `spec.x: Unsupported value: "v": supported values: "a", "b"`.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case notFound = "Not found"
        case required = "Required value"
        case duplicate = "Duplicate value"
        case invalid = "Invalid value"
        case notSupported = "Unsupported value"
        case forbidden = "Forbidden"
        case tooLong = "Too long"
        case tooMany = "Too many"
        case internalError = "Internal error"
    }

    /// How the offending value is printed. Go prints a plain `string` with `%q`, numbers and
    /// bools with `%v`, and anything else (named string types such as `VersionClassification`,
    /// pointers, structs) as its JSON encoding.
    public enum BadValue: Sendable, Equatable {
        /// Not printed (Go's `field.OmitValueType`).
        case omitted
        /// A Go `string`: printed with `%q`.
        case string(String)
        /// Any other Go value: printed as `json.Marshal` would (numbers and bools as literals).
        case value(JSONValue)
    }

    public var kind: Kind
    public var field: FieldPath
    public var badValue: BadValue
    public var detail: String

    public init(_ kind: Kind, _ field: FieldPath, _ badValue: BadValue = .omitted, detail: String = "") {
        self.kind = kind
        self.field = field
        self.badValue = badValue
        self.detail = detail
    }

    public static func invalid(_ field: FieldPath, _ value: BadValue, _ detail: String) -> FieldError {
        FieldError(.invalid, field, value, detail: detail)
    }

    public static func forbidden(_ field: FieldPath, _ detail: String) -> FieldError {
        FieldError(.forbidden, field, detail: detail)
    }

    public static func required(_ field: FieldPath, _ detail: String) -> FieldError {
        FieldError(.required, field, detail: detail)
    }

    public static func duplicate(_ field: FieldPath, _ value: BadValue) -> FieldError {
        FieldError(.duplicate, field, value)
    }

    /// `supported values: "a", "b"` with each value quoted as Go's `strconv.Quote` does.
    public static func notSupported(_ field: FieldPath, _ value: BadValue, supported: [String]) -> FieldError {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(goQuote).joined(separator: ", ")
        return FieldError(.notSupported, field, value, detail: detail)
    }

    /// The text after the field path (Go's `ErrorBody`).
    public var body: String {
        var text = kind.rawValue
        switch kind {
        case .required, .forbidden, .tooLong, .internalError:
            break
        case .notFound, .duplicate, .invalid, .notSupported, .tooMany:
            switch badValue {
            case .omitted: break
            case .string(let string): text += ": " + goQuote(string)
            case .value(let value): text += ": " + JSONWriter.string(value)
            }
        }
        if !detail.isEmpty { text += ": " + detail }
        return text
    }

    public var description: String { field.description + ": " + body }

    /// The message of a list of errors as Kubernetes aggregates it (`ErrorList.ToAggregate().Error()`):
    /// repeated messages are dropped, one error is its own text, several are `[e1, e2]`.
    public static func aggregate(_ errors: [FieldError]) -> String {
        var seen = Set<String>()
        var messages: [String] = []
        for error in errors {
            let message = error.description
            if seen.insert(message).inserted { messages.append(message) }
        }
        if messages.count == 1 { return messages[0] }
        return "[" + messages.joined(separator: ", ") + "]"
    }
}
