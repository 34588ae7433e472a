import Authorizer
import Foundation
import Testing
import Webhooks

/// Mutated kube-apiserver reviews and random selectors never trap and always get a review back.
struct SubjectAccessReviewFuzzTests {
    /// SplitMix64, so every run mutates the same way.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    }

    @Test func mutatedReviewsAlwaysGetAnAnswer() throws {
        let endpoint = SubjectAccessReviewFixtureTests.endpoint()
        let names = try FileManager.default.contentsOfDirectory(atPath: SubjectAccessReviewFixtureTests.fixtures.path)
            .filter { $0.hasPrefix("sar-") }.sorted()
        var random = Random(state: 42)
        let interesting = Array(#"{}[]",:0123456789-+.eEtruefalsn\"u "#.utf8) + [0x00, 0xFF, 0xC3, 0x80]
        for name in names {
            let original = Array(try Data(contentsOf: SubjectAccessReviewFixtureTests.fixtures.appendingPathComponent(name)))
            for _ in 0..<300 {
                var body = original
                for _ in 0...random.below(4) {
                    let position = random.below(body.count)
                    switch random.below(3) {
                    case 0: body[position] = interesting[random.below(interesting.count)]
                    case 1: body.remove(at: position)
                    default: body.insert(interesting[random.below(interesting.count)], at: position)
                    }
                    if body.isEmpty { break }
                }
                let answer = String(decoding: endpoint.respond(contentType: "application/json", body: body), as: UTF8.self)
                #expect(answer.hasPrefix(#"{"apiVersion":"authorization.k8s.io/v1"#), "\(name)")
                #expect(answer.hasSuffix("}}"))
            }
        }
    }

    @Test func randomSelectorsNeverTrap() {
        var random = Random(state: 7)
        let alphabet = Array("ab=!,() innotin<>0123-_./\\".utf8)
        for _ in 0..<5_000 {
            let text = String(decoding: (0..<random.below(24)).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
            _ = try? LabelSelectorParser.parse(text)
            _ = try? FieldSelectorParser.parse(text)
        }
    }
}
