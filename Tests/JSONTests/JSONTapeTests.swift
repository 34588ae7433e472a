import Foundation
import Testing
@testable import JSON

/// `JSONTape` (simdjson) may refuse what `JSONParser` accepts (the readers then take the bytes),
/// but never the reverse, and what it accepts it reads as the same document.
struct JSONTapeTests {
    static func tape(_ text: String) -> JSONTape? {
        Array(text.utf8).withUnsafeBufferPointer { JSONTape($0) }
    }

    /// Every JSONTestSuite case, every captured fixture and random Kubernetes-like documents.
    @Test func acceptsOnlyWhatTheParserAcceptsAndReadsTheSameDocument() throws {
        var corpus: [(String, [UInt8])] = []
        for name in try TestData.files(in: JSONConformanceTests.directory) where name.hasSuffix(".json") {
            corpus.append((name, try TestData.bytes("\(JSONConformanceTests.directory)/\(name)")))
        }
        for name in try TestData.files(in: "fixtures/kube-apiserver") where name.hasSuffix(".json") {
            corpus.append((name, try TestData.bytes("fixtures/kube-apiserver/\(name)")))
        }
        var random = RandomDocuments(seed: 0x7A9E)
        for i in 0..<300 {
            corpus.append(("random \(i)", JSONWriter.serialize(random.value())))
        }
        var accepted = 0
        for (name, bytes) in corpus {
            let parsed = try? JSONParser.parse(bytes)
            bytes.withUnsafeBufferPointer { buffer in
                guard let tape = JSONTape(buffer) else { return }
                accepted += 1
                #expect(parsed != nil, "\(name): the tape accepts what the parser refuses")
                if let parsed { #expect(tape.isDocument(parsed), "\(name): the tape reads another document") }
            }
        }
        #expect(accepted > 350)
    }

    /// A text with `JSONTape.padding` allocated bytes behind it is parsed where it is: whatever
    /// those bytes hold, it gives the tape the copied text gives, and accepts and refuses alike.
    @Test func parsesInPlaceWhenRoomFollowsTheText() throws {
        var corpus: [[UInt8]] = []
        for name in try TestData.files(in: JSONConformanceTests.directory) where name.hasSuffix(".json") {
            corpus.append(try TestData.bytes("\(JSONConformanceTests.directory)/\(name)"))
        }
        for text in [#"123"#, #"-1.5e3"#, #""abc""#, #"[1,2,"x\"y"]"#, #"{"a":tru"#, #"{"a":"b"#, #"true"#, #"nul"#] {
            corpus.append(Array(text.utf8))
        }
        // Bytes that would change the meaning of a text read past its end.
        let fillers: [UInt8] = [0, 0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "9"), UInt8(ascii: "}"), 0xFF]
        var inPlace = 0
        for bytes in corpus where !bytes.isEmpty {
            let copied = bytes.withUnsafeBufferPointer { JSONTape($0).map(Self.contents) }
            for filler in fillers {
                var padded = bytes
                padded.append(contentsOf: repeatElement(filler, count: JSONTape.padding))
                let count = bytes.count
                let read = padded.withUnsafeBufferPointer { all in
                    JSONTape(UnsafeBufferPointer(rebasing: all[..<count]), allocatedCount: all.count).map(Self.contents)
                }
                #expect(read?.words == copied?.words && read?.strings == copied?.strings,
                        "\(String(decoding: bytes.prefix(60), as: UTF8.self)) with \(filler) behind it")
                inPlace += 1
            }
        }
        #expect(inPlace > 2000)
        // With less room than the padding the text is copied first, and reads the same.
        let text = Array(#"{"a":[1,"b"]}"#.utf8)
        var short = text
        short.append(contentsOf: repeatElement(UInt8(ascii: "9"), count: JSONTape.padding - 1))
        let copied = text.withUnsafeBufferPointer { JSONTape($0).map(Self.contents) }
        let read = short.withUnsafeBufferPointer { JSONTape(UnsafeBufferPointer(rebasing: $0[..<text.count]), allocatedCount: $0.count).map(Self.contents) }
        #expect(copied != nil && read?.words == copied?.words && read?.strings == copied?.strings)
    }

    /// A tape's words and strings, copied out (the tape itself lives in the thread's parser).
    static func contents(_ tape: JSONTape) -> (words: [UInt64], strings: [UInt8]) {
        (Array(UnsafeBufferPointer(start: tape.words, count: tape.count)), Array(tape.strings))
    }

    @Test func refusesWhatTheBytesReaderDecidesItself() {
        #expect(Self.tape("\u{FEFF}{}") == nil, "a byte order mark")
        #expect(Self.tape("") == nil)
        #expect(Self.tape(" ") == nil)
        #expect(Self.tape(#"["\ud800"]"#) == nil, "a lone surrogate (the parser decodes it to U+FFFD)")
        #expect(Self.tape(String(repeating: "[", count: JSONTape.maxDepth + 1) + String(repeating: "]", count: JSONTape.maxDepth + 1)) == nil)
        #expect(Self.tape(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) != nil)
        #expect(Self.tape("[" + String(repeating: "1,", count: JSONTape.maxBytes / 2) + "1]") == nil, "larger than maxBytes")
        #expect(Self.tape("{} {}") == nil)
        #expect(Self.tape(#"{"a":1,}"#) == nil)
        #expect(Self.tape("[\"a\u{1}\"]") == nil, "a control character in a string")
    }

    @Test func readsMembersStringsAndSkipsLikeTheByteReader() throws {
        let text = #"{"skip":{"deep":[1,{"x":[true,null]}],"n":-1.5e3},"name":"a\"b\u00e9\/","list":["x",2,false],"last":null}"#
        let tape = try #require(Self.tape(text))
        var reader = tape.reader
        #expect(try reader.next() == .objectStart)
        var names: [String] = []
        while let key = try reader.nextKey() {
            names.append(reader.string(key))
            if reader.matches(key, "name") {
                let span = try #require(try reader.nextPlainString())
                #expect(!span.hasEscapes)
                #expect(reader.string(span) == "a\"bé/")
                #expect(reader.matches(span, "a\"bé/"))
            } else if reader.matches(key, "list") {
                #expect(try reader.next() == .arrayStart)
                #expect(try reader.hasNextElement())
                #expect(try reader.nextPlainString() != nil)
                #expect(try reader.hasNextElement())
                #expect(try reader.nextPlainString() == nil, "a number is not a string")
                try reader.skipValue()
                #expect(try reader.hasNextElement())
                #expect(try reader.next() == .bool(false))
                #expect(try reader.hasNextElement() == false)
            } else {
                try reader.skipValue()
            }
        }
        #expect(names == ["skip", "name", "list", "last"])
        #expect(try reader.next() == nil)
    }
}
