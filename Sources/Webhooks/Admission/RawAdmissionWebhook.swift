import JSON

/// A webhook that can often decide without the JSON documents. While the handler reads the
/// review (one pass, `JSONReader`), the webhook reads what it needs from `object` and
/// `oldObject` (`summarize`); it is then asked to decide on those summaries, and the documents
/// are built only when it declines. Its answer must be the one `admit(_:)` gives.
protocol RawAdmissionWebhook: AdmissionWebhook {
    associatedtype ObjectSummary

    /// Reads an object; the reader is before its `{` and must be left after its `}`. A thrown
    /// `JSONError` means the body is not JSON; any other error is handed to `admit(raw:)`.
    func summarize(_ reader: inout JSONReader) throws -> ObjectSummary

    /// The outcome, or nil to be asked again through `admit(_:)` with the documents built.
    /// Only `.allowed` and `.denied` may be answered here: a patch needs the document.
    func admit(raw request: RawAdmissionRequest<ObjectSummary>) throws -> AdmissionOutcome?

    /// Scans a body, summarizing its objects, and asks `admit(raw:)` (the extension below). A
    /// requirement so that each webhook gets it specialized for its summary.
    func scanAndAdmit(_ buffer: UnsafeBufferPointer<UInt8>) throws -> (scan: AdmissionReviewScan, outcome: AdmissionOutcome?)
}

/// An admission request with its objects summarized by the webhook instead of parsed, and its
/// strings still spans of the body: it answers questions about them without building them.
struct RawAdmissionRequest<Summary> {
    var operation: AdmissionOperation
    /// The summary of `request.object`, or what kept the webhook from reading it; nil when null or absent.
    var object: Result<Summary, any Error>?
    /// The same for `request.oldObject`.
    var oldObject: Result<Summary, any Error>?
    private let kindGroup: RequestScan.Value
    private let kindName: RequestScan.Value
    private let subResource: RequestScan.Value
    private let reader: JSONReader

    /// `reader` reads the body the scan was made of.
    init(scan: AdmissionReviewScan, reader: JSONReader, object: Result<Summary, any Error>?, oldObject: Result<Summary, any Error>?) {
        operation = scan.operation
        let fields = scan.fields
        kindGroup = fields.kind == .object ? fields.kindFields.group : .wrongType
        kindName = fields.kind == .object ? fields.kindFields.name : .wrongType
        subResource = fields.subResource
        self.reader = reader
        self.object = object
        self.oldObject = oldObject
    }

    /// Whether `request.kind` has this group and kind.
    func kindIs(group: StaticString, kind: StaticString) -> Bool {
        matches(kindGroup, group) && matches(kindName, kind)
    }

    /// Whether `request.subResource` is `text` (absent counts as empty).
    func subResourceIs(_ text: StaticString) -> Bool {
        matches(subResource, text)
    }

    private func matches(_ value: RequestScan.Value, _ text: StaticString) -> Bool {
        switch value {
        case .string(let span): return reader.matches(span, text)
        case .none: return text.utf8CodeUnitCount == 0
        default: return false
        }
    }
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
        let outcome = try admit(raw: RawAdmissionRequest(scan: scan, reader: JSONReader(buffer), object: object, oldObject: oldObject))
        return (scan, outcome)
    }
}
