/// Types plain (unquoted, untagged) YAML scalars the way Kubernetes does. kubectl and the API
/// machinery read YAML through sigs.k8s.io/yaml, which uses its fork of go-yaml v2
/// (`goyaml.v2/resolve.go`): YAML 1.1 booleans (`yes`/`no`/`on`/`off`/`y`/`n` included), `null`/`~`/empty,
/// Go `strconv.ParseInt(s, 0, 64)` integers (`0x1F`, `0o17`, `017`, `0b101`, `_` separators),
/// floats, and timestamps that stay strings. The JSON text of numbers is what Go's encoding/json
/// prints for the decoded value, so `0x10` becomes `16` and `1.50` becomes `1.5`.
enum YAMLScalarResolver {
    enum Resolved: Equatable {
        case null
        case bool(Bool)
        /// JSON number text of an integer (decimal digits, optional `-`).
        case int(String)
        case float(Double)
        case string
        /// The merge key `<<`.
        case merge
    }

    static func resolvePlain(_ text: String) -> Resolved {
        let utf8 = Array(text.utf8)
        guard let first = utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return keyword(text) ?? .string
        case UInt8(ascii: "."):
            if let value = keyword(text) { return value }
            if isDotFloat(utf8), let value = finiteDouble(text) { return .float(value) }
            return .string
        case UInt8(ascii: "<"):
            return text == "<<" ? .merge : .string
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let value = keyword(text) { return value }
            return number(utf8) ?? .string
        default:
            return .string
        }
    }

    private static func keyword(_ text: String) -> Resolved? {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        case "~", "null", "Null", "NULL": return .null
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        default: return nil
        }
    }

    /// go-yaml v2's order for a scalar starting with a sign or digit: integer, unsigned integer,
    /// float (by its regular expression), then arbitrary-precision integer when the integer overflowed.
    private static func number(_ raw: [UInt8]) -> Resolved? {
        let plain = raw.filter { $0 != UInt8(ascii: "_") }
        if case .value(let text) = GoInteger.parseInt(plain) { return .int(text) }
        let unsigned = GoInteger.parseUint(plain)
        if case .value(let text) = unsigned { return .int(text) }
        if isYAMLStyleFloat(plain), let value = finiteDouble(String(decoding: plain, as: UTF8.self)) {
            return .float(value)
        }
        if unsigned == .outOfRange, let text = GoInteger.parseBig(plain) { return .int(text) }
        return nil
    }

    /// Go's ParseFloat fails on overflow (±Inf with ErrRange); the scalar then stays a string.
    private static func finiteDouble(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (go-yaml v2 `yamlStyleFloat`).
    static func isYAMLStyleFloat(_ s: [UInt8]) -> Bool {
        var i = 0
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            let digits = i
            while i < s.count, isDigit(s[i]) { i += 1 }
            if i == digits { return false }
        } else {
            let digits = i
            while i < s.count, isDigit(s[i]) { i += 1 }
            if i == digits { return false }
            if i < s.count, s[i] == UInt8(ascii: ".") {
                i += 1
                while i < s.count, isDigit(s[i]) { i += 1 }
            }
        }
        return exponentEnds(s, at: i)
    }

    /// A scalar starting with `.` goes straight to ParseFloat: `.5`, `.5e3`.
    private static func isDotFloat(_ s: [UInt8]) -> Bool {
        var i = 1
        while i < s.count, isDigit(s[i]) { i += 1 }
        if i == 1 { return false }
        return exponentEnds(s, at: i)
    }

    private static func exponentEnds(_ s: [UInt8], at start: Int) -> Bool {
        var i = start
        if i == s.count { return true }
        guard s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") else { return false }
        i += 1
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        let digits = i
        while i < s.count, isDigit(s[i]) { i += 1 }
        return i > digits && i == s.count
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
