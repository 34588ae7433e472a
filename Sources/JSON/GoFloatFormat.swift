/// Go's text for floats where Kubernetes' YAML → JSON conversion produces it: encoding/json for
/// values (`strconv` 'f' format, or 'e' outside [1e-6, 1e21)), and `FormatFloat(f, 'g', -1, 32)`
/// for float map keys. Both use shortest round-trip digits, which Swift's `description` also has.
enum GoFloatFormat {
    /// encoding/json's rendering of a finite float64.
    static func json(_ value: Double) -> String {
        let (negative, digits, exponent) = decompose(value.description)
        let magnitude = value.magnitude
        let sign = negative ? "-" : ""
        if magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 {
            return sign + exponential(digits, exponent, minimumExponentDigits: 1)
        }
        return sign + fixed(digits, exponent)
    }

    /// `strconv.FormatFloat(f, 'g', -1, 32)` with go-yaml's names for infinities and NaN.
    static func mapKey(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value == .infinity { return ".inf" }
        if value == -.infinity { return "-.inf" }
        let single = Float(value)
        if single.isInfinite { return single > 0 ? ".inf" : "-.inf" }
        let (negative, digits, exponent) = decompose(single.description)
        let sign = negative ? "-" : ""
        let x = exponent - 1
        if digits == "0" { return sign + "0" }
        if x < -4 || x >= 6 {
            return sign + exponential(digits, exponent, minimumExponentDigits: 2)
        }
        return sign + fixed(digits, exponent)
    }

    /// Splits Swift's shortest representation ("1.5e-07", "100.0") into sign, significant digits
    /// without leading or trailing zeros, and the exponent `e` with value = 0.digits × 10^e.
    static func decompose(_ text: String) -> (negative: Bool, digits: String, exponent: Int) {
        var bytes = Array(text.utf8)
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes.removeFirst()
        }
        var exponentPart = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            exponentPart = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self)) ?? 0
            bytes.removeSubrange(e...)
        }
        var integerCount = bytes.count
        if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) {
            integerCount = dot
            bytes.remove(at: dot)
        }
        var exponent = integerCount + exponentPart
        while let first = bytes.first, first == UInt8(ascii: "0") {
            bytes.removeFirst()
            exponent -= 1
        }
        while let last = bytes.last, last == UInt8(ascii: "0") { bytes.removeLast() }
        if bytes.isEmpty { return (negative, "0", 1) }
        return (negative, String(decoding: bytes, as: UTF8.self), exponent)
    }

    private static func fixed(_ digits: String, _ exponent: Int) -> String {
        if digits == "0" { return "0" }
        if exponent <= 0 {
            return "0." + String(repeating: "0", count: -exponent) + digits
        }
        if exponent >= digits.count {
            return digits + String(repeating: "0", count: exponent - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: exponent)
        return String(digits[..<split]) + "." + String(digits[split...])
    }

    private static func exponential(_ digits: String, _ exponent: Int, minimumExponentDigits: Int) -> String {
        var out = String(digits.prefix(1))
        if digits.count > 1 { out += "." + digits.dropFirst() }
        let x = exponent - 1
        out += x < 0 ? "e-" : "e+"
        let magnitude = String(x.magnitude)
        out += String(repeating: "0", count: max(0, minimumExponentDigits - magnitude.count)) + magnitude
        return out
    }
}
