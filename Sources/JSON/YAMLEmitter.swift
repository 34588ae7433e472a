/// Writes a `JSONValue` as block-style YAML in the layout go-yaml (and so kubectl) uses:
/// two-space indentation, sequences at the indentation of their key, `{}` and `[]` for empty
/// collections. A string is written plain only when `YAMLScalarResolver` would read it back as
/// the same string and no YAML syntax can claim it; otherwise it is double-quoted with escapes.
struct YAMLEmitter {
    private(set) var output = ""

    /// libyaml refuses implicit keys longer than 1024 characters; longer ones use `? key`.
    static let maxImplicitKeyLength = 1000

    mutating func emitDocument(_ value: JSONValue) {
        switch value {
        case .object(let object) where !object.isEmpty:
            emitMembers(object, indent: 0, continuing: false)
        case .array(let elements) where !elements.isEmpty:
            emitItems(elements, indent: 0, continuing: false)
        default:
            output += Self.scalar(value)
            output += "\n"
        }
    }

    /// Members one per line at `indent`; `continuing` means the first one goes on the current
    /// line (after a sequence's "- ").
    private mutating func emitMembers(_ object: JSONObject, indent: Int, continuing: Bool) {
        for (i, member) in object.members.enumerated() {
            if i > 0 || !continuing { output += String(repeating: " ", count: indent) }
            let key = Self.string(member.key)
            if key.utf8.count > Self.maxImplicitKeyLength {
                output += "? " + Self.doubleQuoted(member.key) + "\n"
                output += String(repeating: " ", count: indent) + ": " + Self.flow(member.value) + "\n"
                continue
            }
            output += key
            output += ":"
            switch member.value {
            case .object(let nested) where !nested.isEmpty:
                output += "\n"
                emitMembers(nested, indent: indent + 2, continuing: false)
            case .array(let elements) where !elements.isEmpty:
                output += "\n"
                emitItems(elements, indent: indent, continuing: false)
            default:
                output += " "
                output += Self.scalar(member.value)
                output += "\n"
            }
        }
    }

    private mutating func emitItems(_ elements: [JSONValue], indent: Int, continuing: Bool) {
        for (i, element) in elements.enumerated() {
            if i > 0 || !continuing { output += String(repeating: " ", count: indent) }
            output += "- "
            switch element {
            case .object(let object) where !object.isEmpty:
                emitMembers(object, indent: indent + 2, continuing: true)
            case .array(let nested) where !nested.isEmpty:
                emitItems(nested, indent: indent + 2, continuing: true)
            default:
                output += Self.scalar(element)
                output += "\n"
            }
        }
    }

    /// A scalar or an empty collection in block context.
    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let text): return text
        case .string(let s): return string(s)
        case .object: return "{}"
        case .array: return "[]"
        }
    }

    /// Flow style (JSON-like), used for values of over-long keys.
    static func flow(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return doubleQuoted(s)
        case .array(let elements): return "[" + elements.map(flow).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.members.map { doubleQuoted($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        default: return scalar(value)
        }
    }

    static func string(_ s: String) -> String {
        isPlainSafe(s) ? s : doubleQuoted(s)
    }

    /// Whether `s` can be written unquoted in block context and read back as the same string.
    static func isPlainSafe(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard YAMLScalarResolver.resolvePlain(s) == .string else { return false }
        // Indicators that start other syntax; a space at either end would be trimmed.
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "):
            return false
        default: break
        }
        if last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return false }
        if bytes.starts(with: "...".utf8) { return false }
        // Timestamps stay strings here, but other YAML readers would turn them into dates.
        if bytes.count >= 5, bytes[0..<4].allSatisfy(YAMLScalarResolver.isDigit), bytes[4] == UInt8(ascii: "-") {
            return false
        }
        for i in bytes.indices {
            switch bytes[i] {
            case UInt8(ascii: ":"):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: " ") { return false }
            case UInt8(ascii: "#"):
                if i > 0, bytes[i - 1] == UInt8(ascii: " ") { return false }
            default: break
            }
        }
        for scalar in s.unicodeScalars where !isPrintable(scalar) { return false }
        return true
    }

    /// Characters a YAML reader takes literally inside a scalar; everything else is escaped.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0xA0...0xFFFD: return scalar.value != 0x2028 && scalar.value != 0x2029 && scalar.value != 0xFEFF
        case 0x10000...: return true
        default: return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x100 {
                    out += "\\x" + hex(scalar.value, digits: 2)
                } else {
                    out += "\\u" + hex(scalar.value, digits: 4)
                }
            }
        }
        out += "\""
        return out
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        var text = ""
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            text.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
        return text
    }
}
