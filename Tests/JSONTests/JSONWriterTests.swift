import Testing
@testable import JSON

struct JSONWriterTests {
    /// encoding/json's escaping, one byte at a time: the reference the fast writer must match.
    static func reference(_ string: String) -> String {
        var out = "\""
        let bytes = Array(string.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x3C, 0x3E, 0x26:
                let hex = String(byte, radix: 16)
                out += "\\u00" + (hex.count == 1 ? "0" : "") + hex
            default:
                if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    out += bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    i += 3
                    continue
                }
                // Copy the whole character (one byte for ASCII).
                var end = i + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                out += String(decoding: bytes[i..<end], as: UTF8.self)
                i = end
                continue
            }
            i += 1
        }
        return out + "\""
    }

    @Test func escapesAsEncodingJSONDoes() {
        let text = "a\"b\\c\n\r\t\u{1}\u{1F}<tag>&amp; é\u{2028}\u{2029}\u{2027}€ 𝄞 plain-run-of-ascii"
        #expect(JSONWriter.string(.string(text)) == #""a\"b\\c\n\r\t\u0001\u001f\u003ctag\u003e\u0026amp; é\u2028\u2029\#u{2027}€ 𝄞 plain-run-of-ascii""#)
        #expect(JSONWriter.string(.string(text)) == Self.reference(text))
    }

    @Test func matchesTheByteByByteReferenceOnGeneratedStrings() {
        var generator = SeededGenerator(seed: 0x3171)
        let pieces = ["a", "bcdefghijklmnop", "\"", "\\", "\n", "\u{0}", "<", ">", "&", "é", "\u{2028}", "\u{2029}", "€", "𝄞", " ", "~"]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0..<24, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(JSONWriter.string(.string(text)) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test func writesCompactDocumentsInMemberOrder() throws {
        let value = JSONValue.object(JSONObject([
            JSONMember(key: "z", value: .array([.null, .bool(true), .bool(false), .number("-1.5e3"), .array([]), .object(JSONObject())])),
            JSONMember(key: "a", value: .string("")),
        ]))
        #expect(JSONWriter.string(value) == #"{"z":[null,true,false,-1.5e3,[],{}],"a":""}"#)
        var out = Array("x".utf8)
        JSONWriter.write(value, into: &out)
        #expect(out == Array("x".utf8) + JSONWriter.serialize(value))
    }
}
