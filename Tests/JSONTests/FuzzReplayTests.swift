import Foundation
import Testing
@testable import JSON

/// Replays the fuzzing seeds and every input that once broke a harness (fuzz/corpus/<target>,
/// fuzz/regressions/<target>) with the properties the harnesses check, so `make test` keeps
/// them fixed without a sanitizer build.
struct FuzzReplayTests {
    static func inputs(_ target: String) throws -> [(String, [UInt8])] {
        var inputs: [(String, [UInt8])] = []
        for folder in ["fuzz/corpus/\(target)", "fuzz/regressions/\(target)"] {
            let directory = TestData.repositoryRoot.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                inputs.append(("\(folder)/\(name)", Array(try Data(contentsOf: directory.appendingPathComponent(name)))))
            }
        }
        return inputs
    }

    @Test func jsonParserInputsAgreeWithTheReaderAndRoundTrip() throws {
        let inputs = try Self.inputs("json-parser")
        #expect(!inputs.isEmpty)
        for (name, bytes) in inputs {
            let parsed = try? JSONParser.parse(bytes)
            #expect(parsed == (try? JSONReaderTests.value(bytes)), "\(name)")
            #expect(JSONReaderTests.skipOutcomes(bytes).allSatisfy { $0 == JSONReaderTests.skipOutcomes(bytes)[0] }, "\(name)")
            if let parsed { #expect(try JSONParser.parse(JSONWriter.serialize(parsed)) == parsed, "\(name)") }
        }
    }

    @Test func yamlInputsSurviveEmitAndParse() throws {
        let inputs = try Self.inputs("yaml")
        #expect(!inputs.isEmpty)
        for (name, bytes) in inputs {
            guard let documents = try? YAMLDocuments.parse(bytes) else { continue }
            for document in documents {
                let back = try YAMLDocuments.parse(YAMLDocuments.emit(document))
                #expect(back.count == 1 && back[0].isEquivalent(to: document), "\(name)")
            }
        }
    }

    @Test func jsonPatchInputsDiffAndApply() throws {
        let inputs = try Self.inputs("json-patch")
        #expect(!inputs.isEmpty)
        for (name, bytes) in inputs {
            guard case .array(let elements)? = try? JSONParser.parse(bytes), elements.count >= 2 else { continue }
            let patch = JSONPatch.diff(from: elements[0], to: elements[1])
            #expect(try JSONPatch.apply(patch, to: elements[0]) == JSONPatchTests.expectedResult(elements[0], elements[1]), "\(name)")
            if elements.count >= 3, let operations = try? JSONPatch.operations(from: elements[2]) {
                _ = try? JSONPatch.apply(operations, to: elements[0])
            }
        }
    }
}
