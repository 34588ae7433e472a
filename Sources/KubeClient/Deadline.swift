import Foundation

/// A point on the monotonic clock by which an operation must finish.
struct Deadline: Sendable, Comparable {
    var nanoseconds: UInt64

    static func now() -> Deadline { Deadline(nanoseconds: DispatchTime.now().uptimeNanoseconds) }

    static func after(_ seconds: Double) -> Deadline {
        let delta = seconds <= 0 ? 0 : UInt64(min(seconds, 1e9) * 1e9)
        return Deadline(nanoseconds: DispatchTime.now().uptimeNanoseconds &+ delta)
    }

    static let never = Deadline(nanoseconds: UInt64.max)

    /// Milliseconds left for poll(2): at least 0, at most a day.
    var pollTimeout: Int32 {
        let now = DispatchTime.now().uptimeNanoseconds
        if nanoseconds <= now { return 0 }
        return Int32(min((nanoseconds - now) / 1_000_000 + 1, 86_400_000))
    }

    var hasPassed: Bool { DispatchTime.now().uptimeNanoseconds >= nanoseconds }

    static func < (a: Deadline, b: Deadline) -> Bool { a.nanoseconds < b.nanoseconds }
}
