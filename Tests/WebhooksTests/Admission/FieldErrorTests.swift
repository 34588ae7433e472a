import JSON
import Testing
@testable import Webhooks

struct FieldErrorTests {
    let path = FieldPath("spec", "kubernetes").child("versions").index(1).child("lifecycle").index(2)

    @Test func pathRendersChildrenAndIndexesLikeGo() {
        #expect(path.description == "spec.kubernetes.versions[1].lifecycle[2]")
        #expect(FieldPath("spec.parent").child("kind").description == "spec.parent.kind")
        #expect(FieldPath("spec").child("kubernetes").child("versions[]").child("lifecycle").description == "spec.kubernetes.versions[].lifecycle")
    }

    @Test func invalidQuotesAGoStringAndAppendsTheDetail() {
        let error = FieldError.invalid(path, .string("2025-01-01 00:00:00 +0000 UTC"), "lifecycle start times must be monotonically increasing")
        #expect(error.description == #"spec.kubernetes.versions[1].lifecycle[2]: Invalid value: "2025-01-01 00:00:00 +0000 UTC": lifecycle start times must be monotonically increasing"#)
    }

    @Test func invalidPrintsOtherValuesAsJSON() {
        #expect(FieldError.invalid(FieldPath("a"), .value(.null), "d").description == "a: Invalid value: null: d")
        #expect(FieldError.invalid(FieldPath("a"), .value(.number("3")), "d").description == "a: Invalid value: 3: d")
        #expect(FieldError.invalid(FieldPath("a"), .value(.string("<x>")), "d").description == #"a: Invalid value: "\u003cx\u003e": d"#)
    }

    @Test func forbiddenAndRequiredNeverPrintTheValue() {
        #expect(FieldError.forbidden(path, "no").description == "spec.kubernetes.versions[1].lifecycle[2]: Forbidden: no")
        #expect(FieldError(.required, FieldPath("x"), .string("v"), detail: "d").description == "x: Required value: d")
    }

    @Test func duplicateHasNoDetail() {
        #expect(FieldError.duplicate(FieldPath("x"), .value(.string("supported"))).description == #"x: Duplicate value: "supported""#)
    }

    @Test func notSupportedListsQuotedValues() {
        let error = FieldError.notSupported(FieldPath("x"), .value(.string("unavailable")), supported: ["deprecated", "expired", "preview", "supported"])
        #expect(error.description == #"x: Unsupported value: "unavailable": supported values: "deprecated", "expired", "preview", "supported""#)
    }

    @Test func aggregateOfOneIsItsTextAndOfSeveralIsBracketed() {
        let a = FieldError.forbidden(FieldPath("a"), "first")
        let b = FieldError.forbidden(FieldPath("b"), "second")
        #expect(FieldError.aggregate([a]) == "a: Forbidden: first")
        #expect(FieldError.aggregate([a, b]) == "[a: Forbidden: first, b: Forbidden: second]")
        #expect(FieldError.aggregate([a, a]) == "a: Forbidden: first")
        #expect(FieldError.aggregate([a, b, a]) == "[a: Forbidden: first, b: Forbidden: second]")
    }

    @Test func goQuoteEscapesLikeStrconvQuote() {
        #expect(goQuote("a\"b\\c") == #""a\"b\\c""#)
        #expect(goQuote("\n\t\u{07}\u{01}\u{7F}") == #""\n\t\a\x01\x7f""#)
        #expect(goQuote("ä€") == "\"ä€\"")
        #expect(goQuote("\u{200B}\u{2028}") == #""\u200b\u2028""#)
    }
}
