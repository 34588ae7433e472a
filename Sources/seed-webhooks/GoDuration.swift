/// Durations written as Go writes them: `300ms`, `10s`, `1m30s`, `2h`, `1.5s`.
enum GoDuration {
    static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        var totalNanos: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter || $0 == "µ" }
            guard !unit.isEmpty else { return nil }
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return nil
            }
            totalNanos += value * scale
        }
        guard totalNanos.isFinite, totalNanos < 1e18 else { return nil }
        return .nanoseconds(Int64(totalNanos))
    }

    /// The shortest Go-style text: `120s` → `2m0s` is Go's; we print `2m` style only when exact.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let nanos = attoseconds / 1_000_000_000
        if nanos == 0 {
            if seconds != 0 && seconds % 3600 == 0 { return "\(seconds / 3600)h" }
            if seconds != 0 && seconds % 60 == 0 { return "\(seconds / 60)m" }
            return "\(seconds)s"
        }
        let totalNanos = seconds * 1_000_000_000 + nanos
        if totalNanos % 1_000_000 == 0 { return "\(totalNanos / 1_000_000)ms" }
        if totalNanos % 1_000 == 0 { return "\(totalNanos / 1_000)us" }
        return "\(totalNanos)ns"
    }
}
