/// Go's `strconv.ParseInt(s, 0, 64)`, `ParseUint(s, 0, 64)` and `big.Int.SetString(s, 0)`, which
/// decide how Kubernetes types an integer-looking YAML scalar. Base 0 means: `0x`/`0o`/`0b`
/// prefixes, a bare leading `0` for octal, otherwise decimal. Results are decimal text.
enum GoInteger {
    enum Outcome: Equatable {
        case value(String)
        /// Syntactically a number so far, but it overflowed (Go's ErrRange, reported at the first
        /// digit that overflows, before the rest of the text is looked at).
        case outOfRange
        case invalid
    }

    static func parseInt(_ s: [UInt8]) -> Outcome {
        guard let first = s.first else { return .invalid }
        var negative = false
        var digits = s[...]
        if first == UInt8(ascii: "+") {
            digits = s.dropFirst()
        } else if first == UInt8(ascii: "-") {
            negative = true
            digits = s.dropFirst()
        }
        switch parseUnsigned(digits) {
        case .invalid: return .invalid
        case .overflow: return .outOfRange
        case .value(let magnitude):
            let cutoff: UInt64 = 1 << 63
            if negative {
                if magnitude > cutoff { return .outOfRange }
                return .value(magnitude == 0 ? "0" : "-\(magnitude)")
            }
            if magnitude >= cutoff { return .outOfRange }
            return .value(String(magnitude))
        }
    }

    static func parseUint(_ s: [UInt8]) -> Outcome {
        switch parseUnsigned(s[...]) {
        case .invalid: return .invalid
        case .overflow: return .outOfRange
        case .value(let magnitude): return .value(String(magnitude))
        }
    }

    private enum Unsigned { case value(UInt64), overflow, invalid }

    private static func parseUnsigned(_ s: ArraySlice<UInt8>) -> Unsigned {
        guard !s.isEmpty else { return .invalid }
        let (base, body) = baseAndDigits(s)
        var n: UInt64 = 0
        for byte in body {
            guard let d = digitValue(byte), d < base else { return .invalid }
            let (times, o1) = n.multipliedReportingOverflow(by: base)
            let (sum, o2) = times.addingReportingOverflow(d)
            if o1 || o2 { return .overflow }
            n = sum
        }
        return .value(n)
    }

    /// Go's base-0 prefix rules; a lone `0` is octal with no digits after it, i.e. zero.
    private static func baseAndDigits(_ s: ArraySlice<UInt8>) -> (UInt64, ArraySlice<UInt8>) {
        guard s.first == UInt8(ascii: "0") else { return (10, s) }
        let start = s.startIndex
        if s.count >= 3 {
            switch s[start + 1] | 0x20 {
            case UInt8(ascii: "b"): return (2, s.dropFirst(2))
            case UInt8(ascii: "o"): return (8, s.dropFirst(2))
            case UInt8(ascii: "x"): return (16, s.dropFirst(2))
            default: break
            }
        }
        return (8, s.dropFirst())
    }

    private static func digitValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt64(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Longest non-decimal literal converted; beyond it the scalar stays a string, which keeps
    /// the quadratic base conversion bounded on hostile input.
    static let maxBigDigits = 4096

    /// `big.Int.SetString(s, 0)` for an unsigned literal, as decimal text (no leading zeros).
    static func parseBig(_ s: [UInt8]) -> String? {
        guard !s.isEmpty else { return nil }
        let (base, body) = baseAndDigits(s[...])
        if body.isEmpty { return s.count == 1 ? "0" : nil }
        var values: [UInt32] = []
        values.reserveCapacity(body.count)
        for byte in body {
            guard let d = digitValue(byte), d < base else { return nil }
            values.append(UInt32(d))
        }
        if base == 10 {
            let text = String(decoding: body.drop(while: { $0 == UInt8(ascii: "0") }), as: UTF8.self)
            return text.isEmpty ? "0" : text
        }
        guard values.count <= maxBigDigits else { return nil }
        // Little-endian limbs in base 10^9.
        var limbs: [UInt32] = [0]
        for d in values {
            var carry = UInt64(d)
            for i in limbs.indices {
                let x = UInt64(limbs[i]) * base + carry
                limbs[i] = UInt32(x % 1_000_000_000)
                carry = x / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(UInt32(carry % 1_000_000_000))
                carry /= 1_000_000_000
            }
        }
        var text = String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
