#if canImport(Glibc)
import Glibc
#endif
import CSystemShim

enum ProcessorCount {
    static var online: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

/// The monotonic clock in nanoseconds; the loops read it once per wake-up.
@inline(__always)
func monotonicNanos() -> UInt64 { shim_monotonic_ns() }

/// The text of `errno` for logs.
func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}

/// A system call failure with its errno and what was being done.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32
    public init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }
    public var description: String { "\(operation): \(errnoText(code))" }
}

@discardableResult
func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
