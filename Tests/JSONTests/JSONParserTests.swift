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
