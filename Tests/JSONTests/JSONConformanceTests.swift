import Testing
import Foundation
@testable import JSON

/// nst/JSONTestSuite `test_parsing`: `y_` must parse, `n_` must fail, `i_` is ours to choose
/// (the choice is pinned below so that a change of behaviour is a visible decision).
struct JSONConformanceTests {
    static let directory = "testdata/JSONTestSuite/test_parsing"

    static func cases(prefix: String) throws -> [String] {
        try TestData.files(in: directory).filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
    }

    static func parses(_ name: String) throws -> Bool {
        let bytes = try TestData.bytes("\(directory)/\(name)")
        do {
            _ = try JSONParser.parse(bytes)
            return true
        } catch {
            return false
        }
    }

    @Test func acceptsEveryYesCase() throws {
        let names = try Self.cases(prefix: "y_")
        #expect(names.count == 95)
        let rejected = try names.filter { try !Self.parses($0) }
        #expect(rejected == [])
    }

    @Test func rejectsEveryNoCase() throws {
        let names = try Self.cases(prefix: "n_")
        #expect(names.count == 188)
        let accepted = try names.filter { try Self.parses($0) }
        #expect(accepted == [])
    }

    /// Implementation-defined cases. Accepted: numbers of any size (kept as literal text, as
    /// Kubernetes keeps int64/float64 decisions to the consumer), lone surrogate escapes (decoded
    /// to U+FFFD as Go's encoding/json does), and 500 levels of nesting (under the depth cap).
    /// Rejected: raw bytes that are not UTF-8 (RFC 8259 §8.1), UTF-16 input and a byte-order mark.
    static let implementationDefined: [String: Bool] = [
        "i_number_double_huge_neg_exp.json": true,
        "i_number_huge_exp.json": true,
        "i_number_neg_int_huge_exp.json": true,
        "i_number_pos_double_huge_exp.json": true,
        "i_number_real_neg_overflow.json": true,
        "i_number_real_pos_overflow.json": true,
        "i_number_real_underflow.json": true,
        "i_number_too_big_neg_int.json": true,
        "i_number_too_big_pos_int.json": true,
        "i_number_very_big_negative_int.json": true,
        "i_object_key_lone_2nd_surrogate.json": true,
        "i_string_1st_surrogate_but_2nd_missing.json": true,
        "i_string_1st_valid_surrogate_2nd_invalid.json": true,
        "i_string_UTF-16LE_with_BOM.json": false,
        "i_string_UTF-8_invalid_sequence.json": false,
        "i_string_UTF8_surrogate_U+D800.json": false,
        "i_string_incomplete_surrogate_and_escape_valid.json": true,
        "i_string_incomplete_surrogate_pair.json": true,
        "i_string_incomplete_surrogates_escape_valid.json": true,
        "i_string_invalid_lonely_surrogate.json": true,
        "i_string_invalid_surrogate.json": true,
        "i_string_invalid_utf-8.json": false,
        "i_string_inverted_surrogates_U+1D11E.json": true,
        "i_string_iso_latin_1.json": false,
        "i_string_lone_second_surrogate.json": true,
        "i_string_lone_utf8_continuation_byte.json": false,
        "i_string_not_in_unicode_range.json": false,
        "i_string_overlong_sequence_2_bytes.json": false,
        "i_string_overlong_sequence_6_bytes.json": false,
        "i_string_overlong_sequence_6_bytes_null.json": false,
        "i_string_truncated-utf-8.json": false,
        "i_string_utf16BE_no_BOM.json": false,
        "i_string_utf16LE_no_BOM.json": false,
        "i_structure_500_nested_arrays.json": true,
        "i_structure_UTF-8_BOM_empty_object.json": false,
    ]

    @Test func decidesEveryImplementationDefinedCaseAsRecorded() throws {
        let names = try Self.cases(prefix: "i_")
        #expect(Set(names) == Set(Self.implementationDefined.keys))
        var outcomes: [String: Bool] = [:]
        for name in names { outcomes[name] = try Self.parses(name) }
        let differing = names.filter { outcomes[$0] != Self.implementationDefined[$0] }
        #expect(differing == [])
    }

    @Test func hundredThousandOpeningBracketsThrowTooDeep() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONError(.tooDeep, at: 512)) { try JSONParser.parse(bytes) }
        let objects = [UInt8](String(repeating: #"{"a":"#, count: 100_000).utf8)
        #expect(throws: JSONError.self) { try JSONParser.parse(objects) }
        do {
            _ = try JSONParser.parse(objects)
        } catch {
            #expect(error.reason == .tooDeep)
        }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = JSONParser.defaultMaxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let value = try JSONParser.parse(text)
        var level = 0
        var current = value
        while case .array(let elements) = current, let first = elements.first { current = first; level += 1 }
        #expect(level == depth - 1)
        let tooDeep = "[" + text + "]"
        #expect(throws: JSONError(.tooDeep, at: depth)) { try JSONParser.parse(tooDeep) }
    }
}

struct JSONDepthOnSmallStacksTests {
    /// Runs `body` on a thread with a 1 MiB stack, an eighth of what Dispatch and Swift concurrency
    /// threads get here (8 MiB), and reports whether it finished.
    static func onSmallStack(_ size: Int = 1024 * 1024, _ body: @escaping @Sendable () -> Void) -> Bool {
        final class Box: @unchecked Sendable {  // handed to exactly one thread, read after join
            let body: @Sendable () -> Void
            var finished = false
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Box(body)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.body()
            box.finished = true
            return nil
        }, Unmanaged.passRetained(box).toOpaque())
        guard started == 0 else { return false }
        pthread_join(thread, nil)
        return box.finished
    }

    /// Everything recursive over a document of the maximum depth: parse, YAML, write, emit, diff.
    @Test func maximumNestingIsHandledOnASmallStack() {
        #expect(Self.onSmallStack {
            let depth = JSONParser.defaultMaxDepth
            let text = String(repeating: #"{"a":["#, count: depth / 2) + String(repeating: "]}", count: depth / 2)
            let value = try? JSONParser.parse(text)
            let yaml = try? YAMLDocuments.parse(text)
            let written = value.map(JSONWriter.serialize)
            let emitted = value.map(YAMLDocuments.emit)
            precondition(value != nil && yaml?.first == value && written?.count == text.utf8.count && emitted != nil)
            precondition(value.map { JSONPatch.diff(from: $0, to: .null).count } == 1)
        })
    }
}
