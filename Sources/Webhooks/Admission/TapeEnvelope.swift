import JSON

/// An AdmissionReview's envelope read from its tape, for reviews in the plain shape
/// kube-apiserver sends: every member it knows given at most once and of its type, a uid, a known
/// operation. For anything else it gives nil and the review is read from its bytes
/// (`AdmissionReviewScan`), which decides, with the messages, what such a review gets. So it only
/// has to be strict, never to explain.
struct TapeEnvelope<Summary> {
    var apiVersion: AdmissionReview.APIVersion
    var uid: String
    var operation: AdmissionOperation
    var kindGroup = ""
    var kindName = ""
    var subResource = ""
    var object: Result<Summary, any Error>?
    var oldObject: Result<Summary, any Error>?

    /// Reads the review at the reader's root; `summarize` reads `object` and `oldObject`.
    static func read(_ reader: inout JSONTapeReader, summarize: (inout JSONTapeReader) throws -> Summary) throws -> TapeEnvelope? {
        guard try reader.next() == .objectStart else { return nil }
        // Filled in place: an optional envelope copied and destroyed on the way costs more than
        // the rest of the envelope (its summaries go through generic value witnesses).
        var envelope = TapeEnvelope(apiVersion: .v1, uid: "", operation: .create)
        var apiVersion: AdmissionReview.APIVersion?
        var isAdmissionReview = false
        var hasRequest = false
        var seen = Members()
        while let key = try reader.nextKey() {
            if reader.matches(key, "apiVersion") {
                guard seen.first(0), let span = try reader.nextPlainString() else { return nil }
                if reader.matches(span, "admission.k8s.io/v1") { apiVersion = .v1 }
                else if reader.matches(span, "admission.k8s.io/v1beta1") { apiVersion = .v1beta1 }
                else { return nil }
            } else if reader.matches(key, "kind") {
                guard seen.first(1), let span = try reader.nextPlainString(), reader.matches(span, "AdmissionReview") else { return nil }
                isAdmissionReview = true
            } else if reader.matches(key, "request") {
                guard seen.first(2), try reader.next() == .objectStart,
                      try envelope.readRequest(&reader, summarize: summarize) else { return nil }
                hasRequest = true
            } else {
                try reader.skipValue()
            }
        }
        guard let apiVersion, isAdmissionReview, hasRequest else { return nil }
        envelope.apiVersion = apiVersion
        return envelope
    }

    /// The request's members, into this envelope (whose `apiVersion` `read` sets); false to give up.
    private mutating func readRequest(_ reader: inout JSONTapeReader, summarize: (inout JSONTapeReader) throws -> Summary) throws -> Bool {
        var hasUID = false
        var hasOperation = false
        var seen = Members()
        while let key = try reader.nextKey() {
            if reader.matches(key, "uid") {
                guard seen.first(0), let span = try reader.nextPlainString(), span.count > 0 else { return false }
                uid = reader.string(span)
                hasUID = true
            } else if reader.matches(key, "kind") {
                guard seen.first(1), let kind = try Self.groupVersion(&reader, name: "kind") else { return false }
                kindGroup = kind.group.map { reader.string($0) } ?? ""
                kindName = kind.name.map { reader.string($0) } ?? ""
            } else if reader.matches(key, "resource") {
                guard seen.first(2), try Self.groupVersion(&reader, name: "resource") != nil else { return false }
            } else if reader.matches(key, "requestKind") {
                guard seen.first(3), try Self.groupVersion(&reader, name: "kind") != nil else { return false }
            } else if reader.matches(key, "requestResource") {
                guard seen.first(4), try Self.groupVersion(&reader, name: "resource") != nil else { return false }
            } else if reader.matches(key, "subResource") {
                guard seen.first(5), let text = try Self.optionalString(&reader) else { return false }
                subResource = text
            } else if reader.matches(key, "requestSubResource") {
                guard seen.first(6), try Self.stringOrNull(&reader) else { return false }
            } else if reader.matches(key, "name") {
                guard seen.first(7), try Self.stringOrNull(&reader) else { return false }
            } else if reader.matches(key, "namespace") {
                guard seen.first(8), try Self.stringOrNull(&reader) else { return false }
            } else if reader.matches(key, "operation") {
                guard seen.first(9), let span = try reader.nextPlainString() else { return false }
                if reader.matches(span, "CREATE") { operation = .create }
                else if reader.matches(span, "UPDATE") { operation = .update }
                else if reader.matches(span, "DELETE") { operation = .delete }
                else if reader.matches(span, "CONNECT") { operation = .connect }
                else { return false }
                hasOperation = true
            } else if reader.matches(key, "userInfo") {
                guard seen.first(10), try Self.skipDocument(&reader) else { return false }
            } else if reader.matches(key, "options") {
                guard seen.first(11), try Self.skipDocument(&reader) else { return false }
            } else if reader.matches(key, "object") {
                guard seen.first(12), try Self.readDocument(&reader, into: &object, summarize: summarize) else { return false }
            } else if reader.matches(key, "oldObject") {
                guard seen.first(13), try Self.readDocument(&reader, into: &oldObject, summarize: summarize) else { return false }
            } else if reader.matches(key, "dryRun") {
                guard seen.first(14) else { return false }
                switch try reader.next() {
                case .bool?, .null?: break
                default: return false
                }
            } else {
                try reader.skipValue()
            }
        }
        return hasUID && hasOperation
    }

    /// A string member's span, `.some(nil)` for null; nil (give up) for any other value.
    private static func optionalSpan(_ reader: inout JSONTapeReader) throws -> JSONStringSpan?? {
        if let span = try reader.nextPlainString() { return .some(span) }
        return try reader.next() == .null ? .some(nil) : nil
    }

    /// A string member's text, "" for null; nil (give up) for any other value.
    private static func optionalString(_ reader: inout JSONTapeReader) throws -> String? {
        try optionalSpan(&reader).map { span in span.map { reader.string($0) } ?? "" }
    }

    /// Whether a string or null comes next (read), without building the string.
    private static func stringOrNull(_ reader: inout JSONTapeReader) throws -> Bool {
        try optionalSpan(&reader) != nil
    }

    /// `{group, version, <name>}` of strings (or null members), or null: its group and name
    /// (nil when absent or null); nil for anything else.
    private static func groupVersion(_ reader: inout JSONTapeReader, name: StaticString) throws -> (group: JSONStringSpan?, name: JSONStringSpan?)? {
        switch try reader.next() {
        case .null?:
            return (nil, nil)
        case .objectStart?:
            var group: JSONStringSpan?, value: JSONStringSpan?
            var seen = Members()
            while let key = try reader.nextKey() {
                if reader.matches(key, "group") {
                    guard seen.first(0), let span = try optionalSpan(&reader) else { return nil }
                    group = span
                } else if reader.matches(key, "version") {
                    guard seen.first(1), try stringOrNull(&reader) else { return nil }
                } else if reader.matches(key, name) {
                    guard seen.first(2), let span = try optionalSpan(&reader) else { return nil }
                    value = span
                } else {
                    try reader.skipValue()
                }
            }
            return (group, value)
        default:
            return nil
        }
    }

    /// An object or null, skipped: true; false for any other value.
    private static func skipDocument(_ reader: inout JSONTapeReader) throws -> Bool {
        let mark = reader
        switch try reader.next() {
        case .null?:
            return true
        case .objectStart?:
            reader = mark
            try reader.skipValue()
            return true
        default:
            return false
        }
    }

    /// An object summarized (or what kept `summarize` from it) into `document`, which stays nil
    /// for null: true; false (give up) for any other value.
    private static func readDocument(_ reader: inout JSONTapeReader, into document: inout Result<Summary, any Error>?,
                                     summarize: (inout JSONTapeReader) throws -> Summary) throws -> Bool {
        let mark = reader
        switch try reader.next() {
        case .null?:
            return true
        case .objectStart?:
            reader = mark
            do {
                document = .success(try summarize(&reader))
            } catch {
                reader = mark
                try reader.skipValue()
                document = .failure(error)
            }
            return true
        default:
            return false
        }
    }

    /// Members already read (each may come once here).
    private struct Members {
        var bits: UInt32 = 0
        mutating func first(_ member: UInt32) -> Bool {
            let bit: UInt32 = 1 << member
            guard bits & bit == 0 else { return false }
            bits |= bit
            return true
        }
    }
}
