/// Well-formed UTF-8 (Unicode §3.9, table 3-7): no overlong forms, no surrogates, nothing above
/// U+10FFFF. Checked in place, without building a String.
@usableFromInline
enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a well-formed sequence, or nil.
    @usableFromInline static func firstInvalidByte(_ p: UnsafePointer<UInt8>, count: Int) -> Int? {
        var i = 0
        while i < count {
            let lead = p[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= count else { return i }
            let second = p[i + 1]
            if second < low || second > high { return i }
            for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
