import Testing
@testable import JSON

struct YAMLDocumentsTests {
    static func json(_ yaml: String) throws -> [String] {
        try YAMLDocuments.parse(yaml).map(JSONWriter.string)
    }

    static func error(_ yaml: String) -> YAMLError? {
        do {
            _ = try YAMLDocuments.parse(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryNonEmptyDocumentOfAStream() throws {
        let yaml = """
            # leading comment
            ---
            ---
            kind: A
            b: 1
            a: 2
            ---
            # only a comment
            ---
            - x
            - "y"
            - y
            ...
            ---
            null
            """
        #expect(try Self.json(yaml) == [#"{"kind":"A","b":1,"a":2}"#, #"["x","y",true]"#, "null"])
        #expect(try Self.json("") == [])
        #expect(try Self.json("# nothing\n") == [])
    }

    @Test(arguments: [
        ("true", "true"), ("True", "true"), ("yes", "true"), ("Y", "true"), ("on", "true"), ("ON", "true"),
        ("false", "false"), ("no", "false"), ("n", "false"), ("Off", "false"),
        ("null", "null"), ("Null", "null"), ("~", "null"), ("", "null"),
        ("12", "12"), ("-12", "-12"), ("+12", "12"), ("0x1F", "31"), ("0o17", "15"), ("017", "15"),
        ("0b101", "5"), ("-0x10", "-16"), ("1_000", "1000"), ("0", "0"), ("-0", "0"), ("08", "8"),
        ("9223372036854775807", "9223372036854775807"), ("9223372036854775808", "9223372036854775808"),
        ("18446744073709551616", "18446744073709552000"), ("0x10000000000000000", "18446744073709551616"),
        ("-9223372036854775809", "-9223372036854776000"),
        ("1.5", "1.5"), ("1.0", "1"), ("1.", "1"), ("1e3", "1000"), (".5", "0.5"), ("-.5", "-0.5"), ("+.5", "0.5"),
        ("1e21", "1e+21"), ("1e20", "100000000000000000000"), ("1e-7", "1e-7"), ("0.000001", "0.000001"),
        ("1e-400", "0"), ("6.02e+23", "6.02e+23"),
        ("1e400", #""1e400""#), ("2001-12-14", #""2001-12-14""#), ("2001-12-14T21:59:43.10Z", #""2001-12-14T21:59:43.10Z""#),
        ("10.0.0.1", #""10.0.0.1""#), ("1.2.3", #""1.2.3""#), ("0x", #""0x""#), ("12abc", #""12abc""#),
        ("+", #""+""#), ("yes please", #""yes please""#), ("NO!", #""NO!""#), ("<<", #""\u003c\u003c""#),
        ("'true'", #""true""#), (#""12""#, #""12""#), ("!!str 12", #""12""#), ("!!int \"12\"", "12"),
        ("!!float 1", "1"), ("!custom 12", #""12""#), ("! 12", #""12""#), ("|\n  12\n", #""12\n""#),
    ])
    func typesScalarsAsKubernetesDoes(_ yaml: String, _ expected: String) throws {
        #expect(try Self.json("v: " + yaml) == [#"{"v":"# + expected + "}"])
    }

    @Test func turnsNonStringKeysIntoStrings() throws {
        #expect(try Self.json("1: a\n0x10: b\non: c\nno: d\n1.5: e\n1e6: f\n.inf: g\n2001-01-01: h\n\"~\": i\n")
            == [#"{"1":"a","16":"b","true":"c","false":"d","1.5":"e","1e+06":"f",".inf":"g","2001-01-01":"h","~":"i"}"#])
        #expect(Self.error("~: x\n") == YAMLError("unsupported map key: null", line: 1, column: 1))
        #expect(Self.error("? [a, b]\n: x\n") == YAMLError("unsupported map key: a sequence or mapping", line: 1, column: 3))
    }

    @Test func refusesDuplicateKeysNamingTheFirstLine() {
        #expect(Self.error("a: 1\nb: 2\na: 3\n") == YAMLError(#"mapping key "a" already defined at line 1"#, line: 3, column: 4))
        #expect(Self.error("on: 1\ntrue: 2\n") == YAMLError(#"mapping key "true" already defined at line 1"#, line: 2, column: 7))
    }

    @Test func expandsAliasesAndMergeKeys() throws {
        let yaml = """
            base: &base
              p: 1
              q: 2
            list: &list [a, b]
            derived:
              z: 0
              <<: *base
              q: 3
            copy: *list
            both:
              <<: [{r: 1, p: 9}, *base]
            """
        #expect(try Self.json(yaml) == [
            #"{"base":{"p":1,"q":2},"list":["a","b"],"derived":{"z":0,"p":1,"q":3},"copy":["a","b"],"both":{"r":1,"p":9,"q":2}}"#,
        ])
        #expect(Self.error("a: *nowhere\n") == YAMLError("unknown anchor 'nowhere' referenced", line: 1, column: 4))
        #expect(Self.error("a: &x 1\nb:\n  <<: *x\n") == YAMLError("map merge requires map or sequence of maps as the value", line: 3, column: 7))
    }

    @Test func stopsAliasBombsInsteadOfExpandingThem() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        let error = Self.error(yaml)
        #expect(error?.message == "document contains excessive aliasing")
        #expect(error?.line == 5)
        // An alias of a large tree is not hashed as a key: it is refused.
        #expect(Self.error("a: &a [1, 2]\n? *a\n: x\n") == YAMLError("unsupported map key: a sequence or mapping", line: 2, column: 3))
    }

    @Test func capsNestingWithoutExhaustingTheStack() {
        let flow = String(repeating: "[", count: 100_000)
        #expect(Self.error(flow)?.message == "nesting deeper than 512 levels")
        var block = ""
        for level in 0..<600 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(Self.error(block)?.message == "nesting deeper than 512 levels")
        let sequences = String(repeating: "- ", count: 5_000) + "x\n"
        #expect(Self.error(sequences) != nil)
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(Self.error(fine) == nil)
    }

    @Test func reportsSyntaxErrorsWithLineAndColumn() {
        #expect(Self.error("a: 1\n b: 2\n") == YAMLError("mapping values are not allowed in this context", line: 2, column: 3))
        #expect(Self.error("a: [1, 2\nb: 3\n")?.line == 2)
        #expect(Self.error("a: \"open\n")?.message.hasPrefix("found unexpected end of stream") == true)
        #expect(Self.error("a:\n\t- b\n")?.line == 2)
        #expect(Self.error("v: .inf\n") == YAMLError("the float .inf has no JSON representation", line: 1, column: 4))
        #expect(Self.error("v: !!int abc\n") == YAMLError("cannot decode !!str `abc` as a !!int", line: 1, column: 4))
        #expect(Self.error("v: !!binary aGk=\n")?.message == "!!binary scalars are not supported (put the base64 text in a plain string)")
    }

    @Test func refusesInvalidUTF8WithItsPosition() throws {
        let bytes: [UInt8] = Array("a: 1\nb: x".utf8) + [0xFF] + Array("\n".utf8)
        #expect(throws: YAMLError("invalid leading UTF-8 octet (#FF)", line: 2, column: 5)) {
            try YAMLDocuments.parse(bytes)
        }
    }

    @Test func emitsAKubeconfigAsKubectlWritesIt() throws {
        let config = try JSONParser.parse(#"""
            {"apiVersion":"v1","kind":"Config","clusters":[{"name":"garden","cluster":{"server":"https://api.garden.local:443","certificate-authority-data":"LS0tLS1CRUdJTg=="}}],
             "contexts":[{"name":"garden","context":{"cluster":"garden","user":"garden","namespace":"garden-local"}}],
             "current-context":"garden","preferences":{},"users":[{"name":"garden","user":{"token":"12345","as-groups":["system:masters","on"]}}],
             "extensions":[],"nested":[[1,2],[]],"empty":""}
            """#)
        let expected = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: garden
              cluster:
                server: https://api.garden.local:443
                certificate-authority-data: LS0tLS1CRUdJTg==
            contexts:
            - name: garden
              context:
                cluster: garden
                user: garden
                namespace: garden-local
            current-context: garden
            preferences: {}
            users:
            - name: garden
              user:
                token: "12345"
                as-groups:
                - system:masters
                - "on"
            extensions: []
            nested:
            - - 1
              - 2
            - []
            empty: ""

            """
        #expect(YAMLDocuments.emit(config) == expected)
        #expect(try YAMLDocuments.parse(expected) == [config])
    }

    @Test(arguments: [
        ("plain text", "plain text"), ("system:masters", "system:masters"), ("https://x:443/a?b=1&c", "https://x:443/a?b=1&c"),
        ("é", "é"), ("a-b", "a-b"), ("", #""""#), ("true", #""true""#), ("yes", #""yes""#), ("1.0", #""1.0""#),
        ("0x1F", #""0x1F""#), ("~", #""~""#), ("a: b", #""a: b""#), ("a #b", #""a #b""#), ("#x", ##""#x""##),
        ("- x", #""- x""#), ("2024-01-01", #""2024-01-01""#), ("multi\nline", #""multi\nline""#), ("tab\there", #""tab\there""#),
        (" lead", #"" lead""#), ("trail ", #""trail ""#), ("<<", #""<<""#), ("...", #""...""#), ("x:", #""x:""#),
        ("\u{2028}", #""\u2028""#), ("\u{7F}\u{1}", #""\x7F\x01""#), ("q\"b\\", #"q"b\"#), ("\"q", #""\"q""#), ("*a", #""*a""#),
    ])
    func quotesStringsOnlyWhenTheyWouldReadBackDifferently(_ string: String, _ expected: String) throws {
        #expect(YAMLDocuments.emit(.string(string)) == expected + "\n")
        #expect(try YAMLDocuments.parse(expected) == [.string(string)])
    }

    @Test func emittedDocumentsReadBackUnchanged() throws {
        var random = RandomDocuments(seed: 0x59A1)
        for _ in 0..<500 {
            let value = random.value()
            let text = YAMLDocuments.emit(value)
            let back = try YAMLDocuments.parse(text)
            #expect(back == [value], "\(text)")
            if back != [value] { break }
        }
    }

    @Test func writesOverlongKeysExplicitly() throws {
        let key = String(repeating: "k", count: 2_000)
        let value = JSONValue.object(JSONObject([JSONMember(key: key, value: .object(JSONObject(["a": .array([.string("b"), .null])])))]))
        let text = YAMLDocuments.emit(value)
        #expect(text.hasPrefix("? \"kkk"))
        #expect(try YAMLDocuments.parse(text) == [value])
    }
}

struct YAMLReadsJSONTests {
    /// JSON is YAML: every captured kube-apiserver body reads the same through both parsers.
    @Test func readsEveryFixtureAsTheJSONParserDoes() throws {
        let directory = "fixtures/kube-apiserver"
        let names = try TestData.files(in: directory).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 20)
        for name in names {
            let bytes = try TestData.bytes("\(directory)/\(name)")
            #expect(try YAMLDocuments.parse(bytes) == [try JSONParser.parse(bytes)], "\(name)")
        }
    }
}
