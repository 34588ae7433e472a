import Foundation

/// A value behind a lock, for state shared between request threads and a reload queue.
final class Locked<Value>: @unchecked Sendable {
    // Unchecked: `value` is only reached inside `withLock`, under `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
