/// A webhook that can often decide from the review's bytes, without the JSON documents: the
/// handler offers it the request first and builds the documents only when it declines. The
/// answer must be the one `admit(_:)` would give for the same request.
public protocol RawAdmissionWebhook: AdmissionWebhook {
    /// The outcome, or nil to be asked again through `admit(_:)` with the documents built.
    /// Only `.allowed` and `.denied` may be answered here: a patch needs the document.
    func admit(raw request: RawAdmissionRequest) throws -> AdmissionOutcome?
}

/// An admission request whose documents are still bytes of the request body. The buffers are
/// only valid during the call they are passed to.
public struct RawAdmissionRequest {
    /// The request's fields; `object`, `oldObject` and `options` are nil and `userInfo` empty here.
    public var request: AdmissionRequest
    /// The bytes of `request.object`, nil when it was null or absent.
    public var object: UnsafeBufferPointer<UInt8>?
    /// The bytes of `request.oldObject`, nil when it was null or absent.
    public var oldObject: UnsafeBufferPointer<UInt8>?
}
