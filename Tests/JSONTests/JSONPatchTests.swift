import Testing
@testable import JSON

struct JSONPointerTests {
    @Test func escapesTildeAndSlashInTokens() throws {
        let pointer = JSONPointer(tokens: ["metadata", "labels", "resources.gardener.cloud/purpose", "a~b", "~1", ""])
        #expect(pointer.description == "/metadata/labels/resources.gardener.cloud~1purpose/a~0b/~01/")
        #expect(try JSONPointer(parsing: pointer.description) == pointer)
        #expect(JSONPointer.root.description == "")
        #expect(try JSONPointer(parsing: "") == .root)
        #expect(try JSONPointer(parsing: "/").tokens == [""])
    }

    @Test func refusesMalformedPointers() {
        #expect(throws: JSONPatchError(#"JSON pointer "a/b" does not start with /"#)) { try JSONPointer(parsing: "a/b") }
        #expect(throws: JSONPatchError(#"JSON pointer "/a~2" has a ~ not followed by 0 or 1"#)) { try JSONPointer(parsing: "/a~2") }
        #expect(throws: JSONPatchError.self) { try JSONPointer(parsing: "/a~") }
    }

    @Test func readsArrayIndicesWithoutLeadingZeros() {
        #expect(JSONPointer.arrayIndex("0") == 0)
        #expect(JSONPointer.arrayIndex("17") == 17)
        #expect(JSONPointer.arrayIndex("01") == nil)
        #expect(JSONPointer.arrayIndex("-") == nil)
        #expect(JSONPointer.arrayIndex("1e3") == nil)
        #expect(JSONPointer.arrayIndex("99999999999999999999999") == nil)
    }
}

struct JSONPatchTests {
    static func doc(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test func equalDocumentsGiveAnEmptyPatch() throws {
        let value = try Self.doc(#"{"a":[1,{"b":null}],"c":"d"}"#)
        #expect(JSONPatch.diff(from: value, to: value) == [])
        #expect(JSONPatch.serialize([]) == Array("[]".utf8))
    }

    @Test func diffsObjectsMemberByMember() throws {
        let from = try Self.doc(#"{"metadata":{"name":"s","labels":{"a":"1","resources.gardener.cloud/purpose":"x"}},"spec":{"n":1}}"#)
        let to = try Self.doc(#"{"metadata":{"name":"s","labels":{"a":"2"},"annotations":{"a~b":"y"}},"spec":{"n":1}}"#)
        let patch = JSONPatch.diff(from: from, to: to)
        #expect(String(decoding: JSONPatch.serialize(patch), as: UTF8.self) == #"""
            [{"op":"remove","path":"/metadata/labels/resources.gardener.cloud~1purpose"},\#
            {"op":"replace","path":"/metadata/labels/a","value":"2"},\#
            {"op":"add","path":"/metadata/annotations","value":{"a~b":"y"}}]
            """#)
        #expect(try JSONPatch.apply(patch, to: from) == to)
    }

    @Test func diffsArraysElementWiseOrReplacesThem() throws {
        let from = try Self.doc(#"{"a":[1,{"b":2}],"c":[1,2],"d":[1]}"#)
        let to = try Self.doc(#"{"a":[1,{"b":3}],"c":[1,2,3],"d":{"x":[]}}"#)
        #expect(String(decoding: JSONPatch.serialize(JSONPatch.diff(from: from, to: to)), as: UTF8.self) == #"""
            [{"op":"replace","path":"/a/1/b","value":3},{"op":"replace","path":"/c","value":[1,2,3]},\#
            {"op":"replace","path":"/d","value":{"x":[]}}]
            """#)
        #expect(JSONPatch.diff(from: .array([]), to: .null) == [.replace(path: .root, value: .null)])
    }

    @Test func appliesEveryOperationKind() throws {
        let patch = try JSONPatch.operations(from: Self.doc(#"""
            [{"op":"test","path":"/a","value":{"y":2.0,"x":1}},
             {"op":"add","path":"/list/1","value":"mid"},{"op":"add","path":"/list/-","value":"end"},
             {"op":"copy","from":"/a/x","path":"/b"},{"op":"move","from":"/a","path":"/list/0"},
             {"op":"remove","path":"/list/3"},{"op":"replace","path":"/~1k~0","value":false}]
            """#))
        let result = try JSONPatch.apply(patch, to: Self.doc(#"{"a":{"x":1,"y":2},"list":["first","last"],"/k~":true}"#))
        #expect(JSONWriter.string(result) == #"{"list":[{"x":1,"y":2},"first","mid","end"],"/k~":false,"b":1}"#)
    }

    @Test func refusesOperationsThatCannotApply() throws {
        let document = try Self.doc(#"{"a":[1],"o":{}}"#)
        func failure(_ patch: String) throws -> JSONPatchError? {
            do {
                _ = try JSONPatch.apply(try JSONPatch.operations(from: Self.doc(patch)), to: document)
                return nil
            } catch let error as JSONPatchError {
                return error
            }
        }
        #expect(try failure(#"[{"op":"remove","path":"/x"}]"#) == JSONPatchError("cannot remove /x: it does not exist"))
        #expect(try failure(#"[{"op":"replace","path":"/o/x","value":1}]"#) == JSONPatchError("cannot replace /o/x: it does not exist"))
        #expect(try failure(#"[{"op":"add","path":"/a/2","value":1}]"#) == JSONPatchError("cannot add at /a/2: index out of range"))
        #expect(try failure(#"[{"op":"add","path":"/a/01","value":1}]"#) == JSONPatchError("cannot add at /a/01: index out of range"))
        #expect(try failure(#"[{"op":"add","path":"/x/y","value":1}]"#) == JSONPatchError("path /x/y does not exist"))
        #expect(try failure(#"[{"op":"test","path":"/a","value":[2]}]"#) == JSONPatchError("test failed: the value at /a differs"))
        #expect(try failure(#"[{"op":"move","from":"/o","path":"/o/p"}]"#) == JSONPatchError("cannot move /o into its own child /o/p"))
        #expect(try failure(#"[{"op":"remove","path":""}]"#) == JSONPatchError("cannot remove the whole document"))
        #expect(try failure(#"[{"op":"jump","path":""}]"#) == JSONPatchError(#"unknown patch operation "jump""#))
        #expect(try failure(#"[{"op":"add","path":"/b"}]"#) == JSONPatchError(#"the add operation has no "value""#))
        #expect(try failure(#"{"op":"add"}"#) == JSONPatchError("a JSON patch is not an array"))
    }

    /// What applying the diff must give: `to`, except that members present in both objects keep
    /// the position they had in `from` (a patch cannot reorder members) and new ones follow.
    static func expectedResult(_ from: JSONValue, _ to: JSONValue) -> JSONValue {
        switch (from, to) {
        case (.object(let a), .object(let b)):
            var members: [JSONMember] = []
            for member in a.members {
                if let target = b[member.key] { members.append(JSONMember(key: member.key, value: expectedResult(member.value, target))) }
            }
            for member in b.members where a[member.key] == nil { members.append(member) }
            return .object(JSONObject(members))
        case (.array(let a), .array(let b)) where a.count == b.count:
            return .array(zip(a, b).map { expectedResult($0, $1) })
        default:
            return to
        }
    }

    @Test func applyingTheDiffOfManyGeneratedPairsGivesTheTarget() throws {
        var random = RandomDocuments(seed: 0xD1FF)
        for i in 0..<3_000 {
            let a = random.value()
            let b = i % 3 == 0 ? random.value() : random.mutate(a)
            let patch = JSONPatch.diff(from: a, to: b)
            let expected = Self.expectedResult(a, b)
            #expect(expected.isEquivalent(to: b))
            #expect(try JSONPatch.apply(patch, to: a) == expected, "\(JSONWriter.string(a)) → \(JSONWriter.string(b))")
            #expect(patch.isEmpty == (a == expected))
            // The written form reads back to the same operations.
            #expect(try JSONPatch.operations(from: JSONParser.parse(JSONPatch.serialize(patch))) == patch)
        }
    }

    @Test func reorderedMembersAreNoChange() throws {
        #expect(JSONPatch.diff(from: try Self.doc(#"{"a":1,"b":{"c":2,"d":3}}"#), to: try Self.doc(#"{"b":{"d":3,"c":2},"a":1}"#)) == [])
    }

    @Test(.enabled(if: PythonJSONPatch.isAvailable, "needs python3 with the jsonpatch package (PyPI)"))
    func pythonJSONPatchAppliesOurPatchesToTheSameResult() throws {
        var random = RandomDocuments(seed: 0x9E7)
        var cases: [(document: JSONValue, patch: [UInt8])] = []
        var targets: [JSONValue] = []
        for i in 0..<600 {
            var a = JSONValue.object(JSONObject(["metadata": random.value(), "spec": random.value()]))
            if i % 3 == 0 { a = random.value() }
            let b = i % 2 == 0 ? random.mutate(a) : random.value()
            cases.append((a, JSONPatch.serialize(JSONPatch.diff(from: a, to: b))))
            targets.append(b)
        }
        let results = try PythonJSONPatch.apply(cases)
        #expect(results.count == targets.count)
        for (result, target) in zip(results, targets) {
            let value = try result.get()
            #expect(value.isEquivalent(to: target), "\(JSONWriter.string(value)) vs \(JSONWriter.string(target))")
        }
    }
}
