import Testing
@testable import JSON

struct JSONReaderTests {
    static func tokens(_ text: String) throws -> [JSONReader.Token] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) -> [JSONReader.Token] in
            var reader = JSONReader(buffer)
            var tokens: [JSONReader.Token] = []
            while let token = try reader.next() { tokens.append(token) }
            return tokens
        }
    }

    /// Reads a whole document through the reader into a `JSONValue`.
    static func value(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) -> JSONValue in
            var reader = JSONReader(buffer)
            guard let first = try reader.next() else { throw JSONError(.unexpectedEnd, at: 0) }
            let value = try build(first, &reader)
            guard try reader.next() == nil else { throw JSONError(.trailingData, at: reader.offset) }
            return value
        }
    }

    private static func build(_ token: JSONReader.Token, _ reader: inout JSONReader) throws(JSONError) -> JSONValue {
        switch token {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let range): return .number(reader.numberText(range))
        case .string(let span): return .string(reader.string(span))
        case .arrayStart:
            var elements: [JSONValue] = []
            while let next = try reader.next(), next != .arrayEnd { elements.append(try build(next, &reader)) }
            return .array(elements)
        case .objectStart:
            var object = JSONObject()
            while case .key(let key)? = try reader.next() {
                guard let next = try reader.next() else { throw JSONError(.unexpectedEnd, at: reader.offset) }
                object.members.append(JSONMember(key: reader.string(key), value: try build(next, &reader)))
            }
            return .object(object)
        case .key, .objectEnd, .arrayEnd:
            throw JSONError(.unexpectedCharacter, at: reader.offset)
        }
    }

    @Test func yieldsTokensInDocumentOrder() throws {
        let text = #" {"a": [1, -2.5e3, "x\"y", true, null], "b": {}, "c": [] } "#
        #expect(try Self.tokens(text) == [
            .objectStart, .key(JSONStringSpan(start: 3, end: 4, hasEscapes: false)), .arrayStart, .number(8..<9), .number(11..<17),
            .string(JSONStringSpan(start: 20, end: 24, hasEscapes: true)), .bool(true), .null, .arrayEnd,
            .key(JSONStringSpan(start: 41, end: 42, hasEscapes: false)), .objectStart, .objectEnd,
            .key(JSONStringSpan(start: 50, end: 51, hasEscapes: false)), .arrayStart, .arrayEnd, .objectEnd,
        ])
        #expect(try Self.tokens("42") == [.number(0..<2)])
    }

    @Test func readsSelectedFieldsAndSkipsTheRest() throws {
        let bytes = Array(#"{"kind":"SubjectAccessReview","spec":{"extra":{"k":["v",{"deep":[[]]}]},"user":"seed\u003a1"},"n":7}"#.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) in
            var reader = JSONReader(buffer)
            #expect(try reader.next() == .objectStart)
            var user: String?
            var kind: String?
            while case .key(let key)? = try reader.next() {
                if reader.matches(key, "kind"), case .string(let value)? = try reader.next() {
                    kind = reader.string(value)
                } else if reader.matches(key, "spec") {
                    #expect(try reader.next() == .objectStart)
                    while case .key(let inner)? = try reader.next() {
                        if reader.matches(inner, "user"), case .string(let value)? = try reader.next() {
                            user = reader.string(value)
                            #expect(!reader.matches(value, "seed:1x"))
                            #expect(reader.matches(value, "seed:1"))
                        } else {
                            try reader.skipValue()
                        }
                    }
                } else {
                    try reader.skipValue()
                }
            }
            #expect(try reader.next() == nil)
            #expect(kind == "SubjectAccessReview")
            #expect(user == "seed:1")
        }
    }

    /// The reader and the DOM parser accept exactly the same documents.
    @Test func agreesWithTheParserOnEveryConformanceCase() throws {
        let directory = JSONConformanceTests.directory
        var disagreements: [String] = []
        for name in try TestData.files(in: directory) where name.hasSuffix(".json") {
            let bytes = try TestData.bytes("\(directory)/\(name)")
            let dom = Result { () throws(JSONError) -> JSONValue in try JSONParser.parse(bytes) }
            let pulled = Result { () throws(JSONError) -> JSONValue in try Self.value(bytes) }
            switch (dom, pulled) {
            case (.success(let a), .success(let b)) where a == b: break
            case (.failure, .failure): break
            default: disagreements.append(name)
            }
        }
        #expect(disagreements == [])
    }

    @Test func readsEveryFixtureAsTheParserDoes() throws {
        for name in try TestData.files(in: "fixtures/kube-apiserver") where name.hasSuffix(".json") {
            let bytes = try TestData.bytes("fixtures/kube-apiserver/\(name)")
            #expect(try Self.value(bytes) == JSONParser.parse(bytes), "\(name)")
        }
        var random = RandomDocuments(seed: 0x4EAD)
        for _ in 0..<300 {
            let value = random.value()
            #expect(try Self.value(JSONWriter.serialize(value)) == value)
        }
    }

    /// What reading a document yields: accepted, or the error (reason and offset).
    static func outcome(_ bytes: [UInt8], _ read: (inout JSONReader) throws(JSONError) -> Void) -> Result<Int, JSONError> {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            do throws(JSONError) {
                try read(&reader)
                guard try reader.next() == nil else { return .failure(JSONError(.trailingData, at: reader.offset)) }
                return .success(reader.offset)
            } catch {
                return .failure(error)
            }
        }
    }

    /// Skips a whole document in one `skipValue`, and each member or element of the outer
    /// container, and checks both against reading every token: the same acceptance, the same
    /// error at the same byte.
    @Test func skippingAgreesWithReadingEveryToken() throws {
        var documents: [(String, [UInt8])] = []
        for name in try TestData.files(in: JSONConformanceTests.directory) where name.hasSuffix(".json") {
            documents.append((name, try TestData.bytes("\(JSONConformanceTests.directory)/\(name)")))
        }
        for name in try TestData.files(in: "fixtures/kube-apiserver") where name.hasSuffix(".json") {
            documents.append((name, try TestData.bytes("fixtures/kube-apiserver/\(name)")))
        }
        var random = RandomDocuments(seed: 0x5C1B)
        for index in 0..<300 { documents.append(("random \(index)", JSONWriter.serialize(random.value()))) }
        for (name, bytes) in documents {
            let outcomes = Self.skipOutcomes(bytes)
            #expect(outcomes[1] == outcomes[0], "skipValue: \(name)")
            #expect(outcomes[2] == outcomes[0], "by members: \(name)")
        }
    }

    /// Reading a document token by token, with one `skipValue`, and by the outer container's
    /// members or elements (each skipped): where each ends, or its error.
    static func skipOutcomes(_ bytes: [UInt8]) -> [Result<Int, JSONError>] {
        let everyToken = outcome(bytes) { (reader) throws(JSONError) in
            let floor = reader.depth
            repeat {
                guard try reader.next() != nil else { throw JSONError(.unexpectedEnd, at: reader.offset) }
            } while reader.depth > floor
        }
        let skipped = outcome(bytes) { (reader) throws(JSONError) in try reader.skipValue() }
        let byMembers = outcome(bytes) { (reader) throws(JSONError) in
            let mark = reader
            switch try reader.next() {
            case .objectStart?:
                while try reader.nextKey() != nil { try reader.skipValue() }
            case .arrayStart?:
                while try reader.hasNextElement() { try reader.skipValue() }
            default:
                reader = mark
                try reader.skipValue()
            }
        }
        return [everyToken, skipped, byMembers]
    }

    @Test func readsMembersElementsAndPlainStrings() throws {
        let bytes = Array(#"{"a":["x","y\u0021",{"b":null}],"c":"plain","d":{}}"#.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) in
            var reader = JSONReader(buffer)
            #expect(try reader.next() == .objectStart)
            var keys: [String] = []
            var strings: [String] = []
            while let key = try reader.nextKey() {
                keys.append(reader.string(key))
                if reader.matches(key, "a") {
                    #expect(try reader.next() == .arrayStart)
                    while try reader.hasNextElement() {
                        if let span = try reader.nextPlainString() {
                            strings.append(reader.string(span))
                        } else {
                            // Not a plain string: nothing was read.
                            let token = try reader.next()
                            if case .string(let span)? = token { strings.append("escaped " + reader.string(span)) } else { try reader.skipRest(after: token) }
                        }
                    }
                } else if reader.matches(key, "c") {
                    #expect(try reader.nextPlainString().map { reader.string($0) } == "plain")
                } else {
                    #expect(try reader.nextPlainString() == nil)
                    try reader.skipValue()
                }
            }
            #expect(try reader.next() == nil)
            #expect(keys == ["a", "c", "d"])
            #expect(strings == ["x", "escaped y!"])
        }
        // Misplaced calls are errors, not guesses.
        let array = Array("[1]".utf8)
        array.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            #expect(throws: JSONError.self) { _ = try reader.nextKey() }
            #expect(throws: JSONError.self) { _ = try reader.hasNextElement() }
        }
    }

    @Test func capsNestingLikeTheParser() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONError(.tooDeep, at: 512)) { try Self.value(bytes) }
        #expect(throws: JSONError(.unexpectedEnd, at: 0)) { try Self.tokens("") }
        #expect(throws: JSONError(.trailingData, at: 3)) { try Self.tokens("[] []") }
    }
}

private extension JSONReader {
    /// Reads to the end of a container whose opening token was `token` (nothing for a scalar).
    mutating func skipRest(after token: Token?) throws(JSONError) {
        guard token == .objectStart || token == .arrayStart else { return }
        let floor = depth - 1
        while depth > floor {
            guard try next() != nil else { throw JSONError(.unexpectedEnd, at: offset) }
        }
    }
}

/// Member names are compared a word at a time (`StaticString.isSpelled(by:)`): every length
/// class, and a difference at every position, must be told apart.
struct MemberNameComparisonTests {
    static let names: [StaticString] = ["a", "ab", "abc", "kind", "group", "version", "metadata", "lifecycle",
                                        "apiVersion", "classification", "expirationDate", "requestResource",
                                        "managedFieldsEntry", "aVeryLongMemberNameOfTwentySixB"]

    @Test func aNameMatchesOnlyItsOwnBytes() {
        for name in Self.names {
            let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.withUnsafeBufferPointer { #expect(name.isSpelled(by: $0.baseAddress!), "\(name)") }
            for position in bytes.indices {
                var other = bytes
                other[position] ^= 0x20
                other.withUnsafeBufferPointer { #expect(!name.isSpelled(by: $0.baseAddress!), "\(name) at \(position)") }
            }
        }
    }

    @Test func readersMatchNamesThroughIt() throws {
        for name in Self.names {
            let text = String(describing: name)
            for (candidate, expected) in [(text, true), (text + "x", false), (String(text.dropLast()) + "!", false)] {
                let document = Array(#"{"\#(candidate)":1}"#.utf8)
                try document.withUnsafeBufferPointer { buffer in
                    var reader = JSONReader(buffer)
                    _ = try reader.next()
                    let key = try #require(try reader.nextKey())
                    #expect(reader.matches(key, name) == expected, "\(candidate)")
                    var tapeReader = try #require(JSONTape(buffer)).reader
                    _ = try tapeReader.next()
                    let tapeKey = try #require(try tapeReader.nextKey())
                    #expect(tapeReader.matches(tapeKey, name) == expected, "\(candidate)")
                }
            }
        }
    }
}
