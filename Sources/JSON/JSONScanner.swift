import CByteScan
/// The lexical layer shared by `JSONParser` and `JSONReader`: a cursor over the input bytes
/// that recognises whitespace, strings, numbers and literals (RFC 8259 §2–7). Every read is
/// bounds-checked against `count`; a string span is only returned after its escapes and its
/// UTF-8 have been validated, so turning it into a `String` later cannot fail.
@usableFromInline
struct JSONScanner {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let count: Int
    @usableFromInline var index = 0

    @inlinable init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    @inlinable @inline(__always) var isAtEnd: Bool { index >= count }

    /// The byte at the cursor, or nil at the end.
    @inlinable @inline(__always) func peek() -> UInt8? { index < count ? base[index] : nil }

    @inlinable @inline(__always) mutating func skipWhitespace() {
        while index < count {
            let byte = base[index]
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    /// The next non-whitespace byte, or `unexpectedEnd`.
    @inlinable @inline(__always) mutating func nextSignificantByte() throws(JSONError) -> UInt8 {
        skipWhitespace()
        guard index < count else { throw JSONError(.unexpectedEnd, at: index) }
        return base[index]
    }

    /// Scans a string whose opening quote is at the cursor and moves past its closing quote.
    @inlinable @inline(__always) mutating func scanString() throws(JSONError) -> JSONStringSpan {
        index += 1
        let start = index
        var escaped = false
        var bits: UInt8 = 0
        while true {
            index = Self.skipPlainASCII(base, from: index, count: count)
            guard index < count else { throw JSONError(.unexpectedEnd, at: count) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let end = index
                index += 1
                if bits & 0x80 != 0, let bad = UTF8Validation.firstInvalidByte(base + start, count: end - start) {
                    throw JSONError(.invalidUTF8, at: start + bad)
                }
                return JSONStringSpan(start: start, end: end, hasEscapes: escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try skipEscape()
                continue
            }
            if byte < 0x20 { throw JSONError(.controlCharacterInString, at: index) }
            bits |= byte
            index += 1
        }
    }

    /// A member name and its colon, the cursor at its opening quote (after whitespace).
    @inlinable @inline(__always) mutating func scanMemberName() throws(JSONError) -> JSONStringSpan {
        guard try nextSignificantByte() == UInt8(ascii: "\"") else {
            throw JSONError(.unexpectedCharacter, at: index)
        }
        let span = try scanString()
        guard try nextSignificantByte() == UInt8(ascii: ":") else {
            throw JSONError(.unexpectedCharacter, at: index)
        }
        index += 1
        return span
    }

    /// Moves over printable ASCII other than `"` and `\\`: the index of the first byte that needs a
    /// closer look (a quote, backslash, control or non-ASCII byte), or `count`. Sixteen bytes per
    /// compare (`CByteScan`), so most strings end in the first one.
    @inlinable @inline(__always) static func skipPlainASCII(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        Int(cbs_first_string_stop(base, start, count))
    }

    /// Validates the escape at the cursor (a backslash) and moves past it.
    @usableFromInline mutating func skipEscape() throws(JSONError) {
        guard index + 1 < count else { throw JSONError(.unexpectedEnd, at: count) }
        switch base[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            guard index + 6 <= count else { throw JSONError(.unexpectedEnd, at: count) }
            guard Self.hex4(base + index + 2) != nil else { throw JSONError(.invalidEscape, at: index) }
            index += 6
        default:
            throw JSONError(.invalidEscape, at: index)
        }
    }

    /// The string a validated span denotes.
    @usableFromInline func string(_ span: JSONStringSpan, scratch: inout [UInt8]) -> String {
        let raw = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
        guard span.hasEscapes else {
            if let base = raw.baseAddress, let known = JSONKnownStrings.lookup(base, raw.count) { return known }
            return String(decoding: raw, as: UTF8.self)
        }
        Self.unescape(raw, into: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Decodes the escapes of a span validated by `scanString`. Lone surrogates become U+FFFD
    /// as in Go's encoding/json.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\"), i + 1 < raw.count else {
                out.append(byte)
                i += 1
                continue
            }
            let escaped = raw[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard i + 4 <= raw.count, let base = raw.baseAddress, let unit = hex4(base + i) else { return }
                i += 4
                var scalar = UInt32(unit)
                if (0xD800...0xDBFF).contains(unit) {
                    if i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
                       let low = hex4(base + i + 2), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(unit) {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &out)
            default:
                out.append(escaped)  // " \ /
            }
        }
    }

    /// Four hex digits (the caller checked that they are in bounds).
    static func hex4(_ p: UnsafePointer<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for k in 0..<4 {
            let c = p[k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(truncatingIfNeeded: scalar))
        case 0x80..<0x800:
            out.append(UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F)))
        }
    }

    /// Scans a number (RFC 8259 §6) at the cursor; returns its byte range.
    @inlinable mutating func scanNumber() throws(JSONError) -> Range<Int> {
        let start = index
        if base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count else { throw JSONError(.invalidNumber, at: index) }
        if base[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(base[index]) {
            index += 1
            while index < count, isDigit(base[index]) { index += 1 }
        } else {
            throw JSONError(.invalidNumber, at: index)
        }
        if index < count, base[index] == UInt8(ascii: ".") {
            index += 1
            guard index < count, isDigit(base[index]) else { throw JSONError(.invalidNumber, at: index) }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(base[index]) else { throw JSONError(.invalidNumber, at: index) }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        return start..<index
    }

    @inlinable @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Consumes `true`, `false` or `null` at the cursor.
    @inlinable mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let length = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        for i in 0..<length {
            guard index + i < count else { throw JSONError(.unexpectedEnd, at: count) }
            guard base[index + i] == text[i] else { throw JSONError(.unexpectedCharacter, at: index + i) }
        }
        index += length
    }
}
