import JSON

/// A webhook that can often decide without the JSON documents. While the handler reads the
/// review, the webhook reads what it needs from `object` and `oldObject` (`summarize`); it is then
/// asked to decide on those summaries, and the documents are built only when it declines. Its
/// answer must be the one `admit(_:)` gives.
///
/// A review is first read from its simdjson tape (`JSONTape`, `admitFromTape`), which costs the
/// least; a review the tape cannot hold or whose envelope is anything but plain, and any answer
/// other than allowed, go the byte way (`scanAndAdmit`, `JSONReader`), which also gives the errors.
protocol RawAdmissionWebhook: AdmissionWebhook {
    associatedtype ObjectSummary

    /// Reads an object; the reader is before its `{` and must be left after its `}`. A thrown
    /// `JSONError` means the body is not JSON; any other error is handed to `admit(raw:)`.
    func summarize<Reader: JSONPullReader>(_ reader: inout Reader) throws -> ObjectSummary

    /// The outcome, or nil to be asked again through `admit(_:)` with the documents built.
    /// Only `.allowed` and `.denied` may be answered here: a patch needs the document.
    func admit(raw request: RawAdmissionRequest<ObjectSummary>) throws -> AdmissionOutcome?

    /// Scans a body, summarizing its objects, and asks `admit(raw:)` (the extension below). A
    /// requirement so that each webhook gets it specialized for its summary.
    func scanAndAdmit(_ buffer: UnsafeBufferPointer<UInt8>) throws -> (scan: AdmissionReviewScan, outcome: AdmissionOutcome?)

    /// The same from the body's tape, for a review allowed there; nil for anything else.
    /// `allocatedCount`: how many bytes from the start of `buffer` are allocated (`JSONTape`).
    func admitFromTape(_ buffer: UnsafeBufferPointer<UInt8>, allocatedCount: Int) -> TapeAdmission?
}

/// An admission request with its objects summarized by the webhook instead of parsed.
struct RawAdmissionRequest<Summary> {
    var operation: AdmissionOperation
    /// The summary of `request.object`, or what kept the webhook from reading it; nil when null or absent.
    var object: Result<Summary, any Error>?
    /// The same for `request.oldObject`.
    var oldObject: Result<Summary, any Error>?
    /// `request.kind`'s group and kind (empty when absent), and `request.subResource`.
    private let kindGroup: String
    private let kindName: String
    private let subResource: String

    init(operation: AdmissionOperation, kindGroup: String, kindName: String, subResource: String,
         object: Result<Summary, any Error>?, oldObject: Result<Summary, any Error>?) {
        self.operation = operation
        self.kindGroup = kindGroup
        self.kindName = kindName
        self.subResource = subResource
        self.object = object
        self.oldObject = oldObject
    }

    /// Whether `request.kind` has this group and kind.
    func kindIs(group: StaticString, kind: StaticString) -> Bool {
        Self.equal(kindGroup, group) && Self.equal(kindName, kind)
    }

    /// Whether `request.subResource` is `text` (absent counts as empty).
    func subResourceIs(_ text: StaticString) -> Bool {
        Self.equal(subResource, text)
    }

    /// Compared in place: the strings are the tape's (`JSONTapeCursor.text`), contiguous.
    private static func equal(_ string: String, _ text: StaticString) -> Bool {
        guard string.utf8.count == text.utf8CodeUnitCount else { return false }
        if text.utf8CodeUnitCount == 0 { return true }
        return string.utf8.withContiguousStorageIfAvailable { text.isSpelled(by: $0.baseAddress!) }
            ?? string.utf8.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

/// A review allowed from its tape: what the answer needs.
struct TapeAdmission {
    var apiVersion: AdmissionReview.APIVersion
    var uid: String
    var warnings: [String]
}

extension RawAdmissionWebhook {
    /// Scans a body, summarizing its objects, and asks `admit(raw:)`. Returns the scan (for the
    /// document path) and the outcome, if the webhook decided.
    func scanAndAdmit(_ buffer: UnsafeBufferPointer<UInt8>) throws -> (scan: AdmissionReviewScan, outcome: AdmissionOutcome?) {
        var object: Result<ObjectSummary, any Error>?
        var oldObject: Result<ObjectSummary, any Error>?
        let scan = try AdmissionReviewScan.scan(buffer) { reader, old in
            let result: Result<ObjectSummary, any Error>
            do {
                result = .success(try summarize(&reader))
            } catch let error as JSONError {
                throw error
            } catch {
                result = .failure(error)
            }
            if old { oldObject = result } else { object = result }
            if case .success = result { return true }
            return false
        }
        // A member that came more than once counts with its last value (the scan's rule); a
        // summary is only valid for the object the scan kept.
        if scan.object == nil { object = nil }
        if scan.oldObject == nil { oldObject = nil }
        let kind = scan.fields.members(of: scan.fields.kind, scan.fields.kindFields)
        let request = RawAdmissionRequest(
            operation: scan.operation, kindGroup: scan.text(kind.group, in: buffer), kindName: scan.text(kind.name, in: buffer),
            subResource: scan.text(scan.fields.subResource, in: buffer), object: object, oldObject: oldObject)
        return (scan, try admit(raw: request))
    }

    func admitFromTape(_ buffer: UnsafeBufferPointer<UInt8>) -> TapeAdmission? {
        admitFromTape(buffer, allocatedCount: buffer.count)
    }

    func admitFromTape(_ buffer: UnsafeBufferPointer<UInt8>, allocatedCount: Int) -> TapeAdmission? {
        guard let tape = JSONTape(buffer, allocatedCount: allocatedCount) else { return nil }
        var reader = tape.reader
        do {
            var envelope = TapeEnvelope<ObjectSummary>()
            guard try TapeEnvelope.read(&reader, into: &envelope, summarize: { try summarize(&$0) }) else { return nil }
            // The summaries are moved, not copied, into the request.
            let request = RawAdmissionRequest(
                operation: envelope.operation, kindGroup: envelope.kindGroup, kindName: envelope.kindName,
                subResource: envelope.subResource, object: envelope.object.take(), oldObject: envelope.oldObject.take())
            guard case .allowed(let warnings)? = try admit(raw: request) else { return nil }
            return TapeAdmission(apiVersion: envelope.apiVersion, uid: envelope.uid, warnings: warnings)
        } catch {
            return nil
        }
    }
}
