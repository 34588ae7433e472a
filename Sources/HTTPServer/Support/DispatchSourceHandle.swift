import Dispatch

/// A Dispatch source kept so that it can be cancelled later.
///
/// `@unchecked Sendable`: the handle is only used to call `cancel()`, which libdispatch allows
/// from any thread; the source's handlers run on its own queue.
struct DispatchSourceHandle: @unchecked Sendable {
    let source: any DispatchSourceProtocol
    init(_ source: any DispatchSourceProtocol) { self.source = source }
}
