/// Capped exponential backoff with full jitter between retries of a failed list or watch,
/// so that many replicas do not reconnect to a restarted API server in step.
public struct Backoff: Sendable {
    public var initial: Double
    public var maximum: Double
    private var attempt = 0

    public init(initial: Double = 0.8, maximum: Double = 30) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Seconds to wait before the next attempt: uniformly random in [d/2, d], where d doubles
    /// per failure up to `maximum`.
    public mutating func next() -> Double {
        let exponent = min(attempt, 30)
        attempt += 1
        let delay = min(maximum, initial * Double(1 << exponent))
        return Double.random(in: (delay / 2)...delay)
    }

    public mutating func reset() { attempt = 0 }
}
