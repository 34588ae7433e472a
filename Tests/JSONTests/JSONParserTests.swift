import Testing
@testable import JSON

struct JSONParserTests {
    @Test func roundTripsDocumentOrderAndNumberText() throws {
        let text = #"{"b":1e3,"a":[true,false,null,"x\u00e9\n"],"c":{"d":-0.5}}"#
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.string(value) == #"{"b":1e3,"a":[true,false,null,"xé\n"],"c":{"d":-0.5}}"#)
    }

    @Test func rejectsTrailingComma() {
        #expect(throws: JSONError.self) { try JSONParser.parse("[1,]") }
    }
}

struct JSONParserErrorTests {
    @Test(arguments: [
        ("", JSONError(.unexpectedEnd, at: 0)), ("  ", JSONError(.unexpectedEnd, at: 2)),
        ("{\"a\":1} x", JSONError(.trailingData, at: 8)), ("[1 2]", JSONError(.unexpectedCharacter, at: 3)),
        ("\"a\u{1}b\"", JSONError(.controlCharacterInString, at: 2)), ("\"\\x\"", JSONError(.invalidEscape, at: 1)),
        ("\"\\u12G4\"", JSONError(.invalidEscape, at: 1)), ("01", JSONError(.trailingData, at: 1)),
        ("-", JSONError(.invalidNumber, at: 1)), ("1.", JSONError(.invalidNumber, at: 2)), ("1e+", JSONError(.invalidNumber, at: 3)),
        ("tru", JSONError(.unexpectedEnd, at: 3)), ("nul1", JSONError(.unexpectedCharacter, at: 3)),
        ("{\"a\" 1}", JSONError(.unexpectedCharacter, at: 5)), ("{1:2}", JSONError(.unexpectedCharacter, at: 1)),
        ("[\"abc", JSONError(.unexpectedEnd, at: 5)),
    ])
    func reportsWhatIsWrongAndWhere(_ text: String, _ error: JSONError) {
        #expect(throws: error) { try JSONParser.parse(text) }
    }

    @Test func refusesInvalidUTF8AtTheFirstBadByte() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0xA9, 0xED, 0xA0, 0x80, 0x22]
        #expect(throws: JSONError(.invalidUTF8, at: 4)) { try JSONParser.parse(bytes) }
        #expect(throws: JSONError(.invalidUTF8, at: 1)) { try JSONParser.parse([0x22, 0xC0, 0xAF, 0x22]) }
        #expect(throws: JSONError(.invalidUTF8, at: 3)) { try JSONParser.parse([0x22, 0x5C, 0x6E, 0xFF, 0x22]) }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u20AC\ud834\udd1e", "\ud800x", "\udc00", "é𝄞"]"#)
        #expect(value == .array([.string("\"\\/\u{8}\u{C}\n\r\t"), .string("é€𝄞"), .string("\u{FFFD}x"), .string("\u{FFFD}"), .string("é𝄞")]))
    }

    @Test func keepsLargeDocumentsIntact() throws {
        var random = RandomDocuments(seed: 7)
        let big = JSONValue.array((0..<2_000).map { _ in random.value() })
        #expect(try JSONParser.parse(JSONWriter.serialize(big)) == big)
    }
}
