import JSON

/// An AdmissionReview's envelope read from its tape, for reviews in the plain shape
/// kube-apiserver sends: every member it knows given at most once and of its type, a uid, a known
/// operation. For anything else it gives nil and the review is read from its bytes
/// (`AdmissionReviewScan`), which decides, with the messages, what such a review gets. So it only
/// has to be strict, never to explain. It walks the tape's words in place (`JSONTapeCursor`).
struct TapeEnvelope<Summary> {
    var apiVersion: AdmissionReview.APIVersion
    var uid: String
    var operation: AdmissionOperation
    var kindGroup = ""
    var kindName = ""
    var subResource = ""
    var object: Result<Summary, any Error>?
    var oldObject: Result<Summary, any Error>?

    /// An envelope for `read` to fill.
    init() {
        apiVersion = .v1
        uid = ""
        operation = .create
    }

    /// Reads the review at the reader's root into `envelope`; `summarize` reads `object` and
    /// `oldObject`. False: not the plain shape (the envelope is then of no use). Filled in place
    /// rather than returned: an optional envelope copied and destroyed on the way costs more than
    /// the rest of the envelope (its summaries go through generic value witnesses).
    static func read(_ reader: inout JSONTapeReader, into envelope: inout TapeEnvelope,
                     summarize: (inout JSONTapeReader) throws -> Summary) throws -> Bool {
        var cursor = reader.cursor
        defer { reader.resume(at: cursor) }
        guard cursor.enterObject() else { return false }
        var apiVersion: AdmissionReview.APIVersion?
        var isAdmissionReview = false
        var hasRequest = false
        var seen = Members()
        while let key = cursor.nextKey() {
            if cursor.matches(key, "apiVersion") {
                guard seen.first(0), let text = cursor.nextString() else { return false }
                if cursor.matches(text, "admission.k8s.io/v1") { apiVersion = .v1 }
                else if cursor.matches(text, "admission.k8s.io/v1beta1") { apiVersion = .v1beta1 }
                else { return false }
            } else if cursor.matches(key, "kind") {
                guard seen.first(1), let text = cursor.nextString(), cursor.matches(text, "AdmissionReview") else { return false }
                isAdmissionReview = true
            } else if cursor.matches(key, "request") {
                guard seen.first(2), cursor.enterObject(),
                      try envelope.readRequest(&cursor, reader: &reader, summarize: summarize) else { return false }
                hasRequest = true
            } else {
                cursor.skipValue()
            }
        }
        guard let apiVersion, isAdmissionReview, hasRequest else { return false }
        envelope.apiVersion = apiVersion
        return true
    }

    /// The request's members, into this envelope (whose `apiVersion` `read` sets); false to give
    /// up. `reader` carries the position to `summarize` and back.
    private mutating func readRequest(_ cursor: inout JSONTapeCursor, reader: inout JSONTapeReader,
                                      summarize: (inout JSONTapeReader) throws -> Summary) throws -> Bool {
        var hasUID = false
        var hasOperation = false
        var seen = Members()
        while let key = cursor.nextKey() {
            if cursor.matches(key, "uid") {
                guard seen.first(0), let text = cursor.nextString(), !text.isEmpty else { return false }
                uid = cursor.text(text)
                hasUID = true
            } else if cursor.matches(key, "kind") {
                guard seen.first(1), let kind = Self.groupVersion(&cursor, name: "kind") else { return false }
                kindGroup = kind.group.map { cursor.text($0) } ?? ""
                kindName = kind.name.map { cursor.text($0) } ?? ""
            } else if cursor.matches(key, "resource") {
                guard seen.first(2), Self.groupVersion(&cursor, name: "resource") != nil else { return false }
            } else if cursor.matches(key, "requestKind") {
                guard seen.first(3), Self.groupVersion(&cursor, name: "kind") != nil else { return false }
            } else if cursor.matches(key, "requestResource") {
                guard seen.first(4), Self.groupVersion(&cursor, name: "resource") != nil else { return false }
            } else if cursor.matches(key, "subResource") {
                guard seen.first(5), let text = Self.optionalString(&cursor) else { return false }
                subResource = text.map { cursor.text($0) } ?? ""
            } else if cursor.matches(key, "requestSubResource") {
                guard seen.first(6), Self.optionalString(&cursor) != nil else { return false }
            } else if cursor.matches(key, "name") {
                guard seen.first(7), Self.optionalString(&cursor) != nil else { return false }
            } else if cursor.matches(key, "namespace") {
                guard seen.first(8), Self.optionalString(&cursor) != nil else { return false }
            } else if cursor.matches(key, "operation") {
                guard seen.first(9), let text = cursor.nextString() else { return false }
                if cursor.matches(text, "CREATE") { operation = .create }
                else if cursor.matches(text, "UPDATE") { operation = .update }
                else if cursor.matches(text, "DELETE") { operation = .delete }
                else if cursor.matches(text, "CONNECT") { operation = .connect }
                else { return false }
                hasOperation = true
            } else if cursor.matches(key, "userInfo") {
                guard seen.first(10), Self.skipObjectOrNull(&cursor) else { return false }
            } else if cursor.matches(key, "options") {
                guard seen.first(11), Self.skipObjectOrNull(&cursor) else { return false }
            } else if cursor.matches(key, "object") {
                guard seen.first(12), try Self.readDocument(&cursor, reader: &reader, into: &object, summarize: summarize) else { return false }
            } else if cursor.matches(key, "oldObject") {
                guard seen.first(13), try Self.readDocument(&cursor, reader: &reader, into: &oldObject, summarize: summarize) else { return false }
            } else if cursor.matches(key, "dryRun") {
                guard seen.first(14) else { return false }
                switch cursor.type {
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): cursor.step()
                default: return false
                }
            } else {
                cursor.skipValue()
            }
        }
        return hasUID && hasOperation
    }

    /// A string member's range, `.some(nil)` for null (both read); nil (give up) for any other value.
    private static func optionalString(_ cursor: inout JSONTapeCursor) -> Range<Int>?? {
        if let text = cursor.nextString() { return .some(text) }
        return cursor.nextNull() ? .some(nil) : nil
    }

    /// `{group, version, <name>}` of strings (or null members), or null: its group and name
    /// (nil when absent or null); nil for anything else.
    private static func groupVersion(_ cursor: inout JSONTapeCursor, name: StaticString) -> (group: Range<Int>?, name: Range<Int>?)? {
        if cursor.nextNull() { return (nil, nil) }
        guard cursor.enterObject() else { return nil }
        var group: Range<Int>?, value: Range<Int>?
        var seen = Members()
        while let key = cursor.nextKey() {
            if cursor.matches(key, "group") {
                guard seen.first(0), let text = optionalString(&cursor) else { return nil }
                group = text
            } else if cursor.matches(key, "version") {
                guard seen.first(1), optionalString(&cursor) != nil else { return nil }
            } else if cursor.matches(key, name) {
                guard seen.first(2), let text = optionalString(&cursor) else { return nil }
                value = text
            } else {
                cursor.skipValue()
            }
        }
        return (group, value)
    }

    /// An object or null, skipped: true; false for any other value.
    private static func skipObjectOrNull(_ cursor: inout JSONTapeCursor) -> Bool {
        switch cursor.type {
        case UInt8(ascii: "n"), UInt8(ascii: "{"):
            cursor.skipValue()
            return true
        default:
            return false
        }
    }

    /// An object summarized (or what kept `summarize` from it) into `document`, which stays nil
    /// for null: true; false (give up) for any other value.
    private static func readDocument(_ cursor: inout JSONTapeCursor, reader: inout JSONTapeReader, into document: inout Result<Summary, any Error>?,
                                     summarize: (inout JSONTapeReader) throws -> Summary) throws -> Bool {
        if cursor.nextNull() { return true }
        guard cursor.type == UInt8(ascii: "{") else { return false }
        let mark = cursor
        reader.resume(at: cursor)
        do {
            document = .success(try summarize(&reader))
            cursor = reader.cursor
        } catch {
            cursor = mark
            cursor.skipValue()
            document = .failure(error)
        }
        return true
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
