/// A YAML scalar after tag resolution, before it becomes a JSON value or a map key
/// (the two differ: `.inf` is a valid key but no JSON number).
enum YAMLScalar: Equatable {
    case null
    case bool(Bool)
    /// Decimal integer text.
    case int(String)
    case float(Double)
    case string(String)
    /// The plain `<<` key (YAML merge).
    case merge

    static let tagPrefix = "tag:yaml.org,2002:"

    /// Resolves a scalar by its tag and style as go-yaml v2 does when decoding into `interface{}`.
    /// `tag` is nil for untagged scalars; quoted and block scalars without a tag are strings.
    static func resolve(_ text: String, tag: String?, plain: Bool) throws(YAMLScalarError) -> YAMLScalar {
        guard let tag else {
            return plain ? YAMLScalar(YAMLScalarResolver.resolvePlain(text), text) : .string(text)
        }
        guard tag.hasPrefix(tagPrefix) else { return .string(text) }  // "!" and application tags
        let name = tag.dropFirst(tagPrefix.count)
        let resolved = YAMLScalarResolver.resolvePlain(text)
        switch name {
        case "str", "timestamp": return .string(text)
        case "binary": throw .binaryUnsupported
        case "int":
            if case .int = resolved { return YAMLScalar(resolved, text) }
        case "float":
            if case .int(let digits) = resolved, let value = Double(digits) { return .float(value) }
            if case .float = resolved { return YAMLScalar(resolved, text) }
        case "bool":
            if case .bool = resolved { return YAMLScalar(resolved, text) }
        case "null":
            if case .null = resolved { return .null }
        case "merge":
            if case .merge = resolved { return .merge }
        default:
            return .string(text)
        }
        throw .mismatch(found: resolved.shortTag, text: text, wanted: "!!\(name)")
    }

    private init(_ resolved: YAMLScalarResolver.Resolved, _ text: String) {
        switch resolved {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let digits): self = .int(digits)
        case .float(let value): self = .float(value)
        case .string: self = .string(text)
        case .merge: self = .merge
        }
    }

    /// The scalar as a JSON value; NaN and infinities have no JSON form.
    func jsonValue() throws(YAMLScalarError) -> JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let digits): return .number(digits)
        case .float(let value):
            guard value.isFinite else { throw .notRepresentable(GoFloatFormat.mapKey(value)) }
            return .number(GoFloatFormat.json(value))
        case .string(let s): return .string(s)
        case .merge: return .string("<<")
        }
    }

    /// The scalar as a JSON object key, converted as sigs.k8s.io/yaml converts non-string keys.
    func keyText() throws(YAMLScalarError) -> String {
        switch self {
        case .null: throw .unsupportedKey("null")
        case .bool(let b): return b ? "true" : "false"
        case .int(let digits): return digits
        case .float(let value): return GoFloatFormat.mapKey(value)
        case .string(let s): return s
        case .merge: return "<<"
        }
    }
}

extension YAMLScalarResolver.Resolved {
    var shortTag: String {
        switch self {
        case .null: return "!!null"
        case .bool: return "!!bool"
        case .int: return "!!int"
        case .float: return "!!float"
        case .string: return "!!str"
        case .merge: return "!!merge"
        }
    }
}

enum YAMLScalarError: Error {
    case binaryUnsupported
    case mismatch(found: String, text: String, wanted: String)
    case notRepresentable(String)
    case unsupportedKey(String)

    var message: String {
        switch self {
        case .binaryUnsupported:
            return "!!binary scalars are not supported (put the base64 text in a plain string)"
        case .mismatch(let found, let text, let wanted):
            return "cannot decode \(found) `\(text)` as a \(wanted)"
        case .notRepresentable(let text):
            return "the float \(text) has no JSON representation"
        case .unsupportedKey(let what):
            return "unsupported map key: \(what)"
        }
    }
}
