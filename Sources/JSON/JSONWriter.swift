/// Writes `JSONValue` as compact JSON, the way Go's encoding/json does
/// (members in order, `<`, `>`, `&` and U+2028/2029 escaped), so output is stable.
public struct JSONWriter {
    public static func serialize(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: serialize(value), as: UTF8.self)
    }

    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &out)
        case .bool(let b): append(b ? "true" : "false", to: &out)
        case .number(let text): appendUTF8(text, to: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            writeEscaped(bytes, into: &out)
        }
        if done == nil {
            Array(string.utf8).withUnsafeBufferPointer { writeEscaped($0, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always) private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always) private static func appendUTF8(_ text: String, to out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { out.append(contentsOf: $0) }
        if done == nil { out.append(contentsOf: text.utf8) }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Copies runs that need no escaping in one go; escapes `"`, `\`, control characters,
    /// `<`, `>`, `&` and U+2028/U+2029 (E2 80 A8/A9) as encoding/json does.
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var run = 0
        var i = 0
        while true {
            i = skipPlain(base, from: i, count: count)
            guard i < count else { break }
            let byte = base[i]
            if byte >= 0x80 {
                if byte == 0xE2, i + 2 < count, base[i + 1] == 0x80, base[i + 2] == 0xA8 || base[i + 2] == 0xA9 {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run))
                    append(base[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", to: &out)
                    i += 3
                    run = i
                } else {
                    i += 1
                }
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run))
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                let hex = hexDigits.utf8Start
                out.append(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
            i += 1
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: count - run))
    }

    /// The index of the first byte at or after `start` that is not plain ASCII needing no escape.
    @inline(__always) private static func skipPlain(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = start
        while i &+ 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let less = word ^ (ones &* 0x3C)
            let greater = word ^ (ones &* 0x3E)
            let ampersand = word ^ (ones &* 0x26)
            var flagged = word | (word &- ones &* 0x20)
            flagged |= (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
            flagged |= (less &- ones) & ~less | (greater &- ones) & ~greater | (ampersand &- ones) & ~ampersand
            flagged &= highs
            if flagged != 0 { return i &+ (flagged.trailingZeroBitCount >> 3) }
            i &+= 8
        }
        while i < count {
            switch base[i] {
            case 0x22, 0x5C, 0x3C, 0x3E, 0x26, 0..<0x20, 0x80...: return i
            default: i &+= 1
            }
        }
        return i
    }
}
