#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An instant with nanosecond precision, as Go's `time.Time` in UTC. Lifecycle rules take
/// it as a parameter; only `Timestamp.now()` reads the system clock.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z (negative before).
    public var seconds: Int64
    /// 0..<1_000_000_000.
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Go's zero `time.Time` (0001-01-01T00:00:00Z): what a lifecycle stage without a
    /// start time counts as.
    public static let goZero = Timestamp(seconds: -62_135_596_800)

    /// The system's wall clock.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(seconds: Int64(spec.tv_sec), nanoseconds: Int32(spec.tv_nsec))
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.nanoseconds < b.nanoseconds
    }

    public func adding(seconds delta: Int64) -> Timestamp {
        Timestamp(seconds: seconds &+ delta, nanoseconds: nanoseconds)
    }

    /// Parses an RFC 3339 date-time as Go's `time.Parse(time.RFC3339, …)` accepts it (what
    /// `metav1.Time` uses): `2006-01-02T15:04:05Z` or with a `±hh:mm` offset, optionally with
    /// a fraction of a second. Returns nil for anything else, including impossible dates.
    public init?(rfc3339 text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    /// The same from UTF-8 bytes (a span of the request body).
    init?(rfc3339 bytes: UnsafeBufferPointer<UInt8>) {
        guard let parsed = Self.parse(bytes) else { return nil }
        self = parsed
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        if b.count == 20, b[19] == UInt8(ascii: "Z") { return parseWholeSecondsUTC(b) }
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = Self.digits(b, 0, 4), let month = Self.digits(b, 5, 2), let day = Self.digits(b, 8, 2),
              let hour = Self.digits(b, 11, 2), let minute = Self.digits(b, 14, 2), let second = Self.digits(b, 17, 2)
        else { return nil }
        guard let civil = Self.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else { return nil }
        var index = 19
        var nanos = 0
        if b[index] == UInt8(ascii: ".") || b[index] == UInt8(ascii: ",") {
            index += 1
            var count = 0
            while index < b.count, b[index] >= UInt8(ascii: "0"), b[index] <= UInt8(ascii: "9") {
                if count < 9 { nanos = nanos * 10 + Int(b[index] - UInt8(ascii: "0")) }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        guard index < b.count else { return nil }
        var offset = 0
        if b[index] == UInt8(ascii: "Z") {
            index += 1
        } else if b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-") {
            guard b.count == index + 6, b[index + 3] == UInt8(ascii: ":"),
                  let oh = Self.digits(b, index + 1, 2), let om = Self.digits(b, index + 4, 2), oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == b.count else { return nil }
        return Timestamp(seconds: civil - Int64(offset), nanoseconds: Int32(nanos))
    }

    /// `2006-01-02T15:04:05Z`, the form Kubernetes writes: the same rules as `parse`, in
    /// straight-line arithmetic (a profile holds dozens of these).
    @inline(__always) private static func parseWholeSecondsUTC(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        @inline(__always) func digit(_ i: Int) -> Int { Int(b[i] &- UInt8(ascii: "0")) }
        guard digit(0) < 10, digit(1) < 10, digit(2) < 10, digit(3) < 10, digit(5) < 10, digit(6) < 10,
              digit(8) < 10, digit(9) < 10, digit(11) < 10, digit(12) < 10, digit(14) < 10, digit(15) < 10,
              digit(17) < 10, digit(18) < 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return nil }
        let year = digit(0) &* 1000 &+ digit(1) &* 100 &+ digit(2) &* 10 &+ digit(3)
        let month = digit(5) &* 10 &+ digit(6)
        let day = digit(8) &* 10 &+ digit(9)
        let hour = digit(11) &* 10 &+ digit(12)
        let minute = digit(14) &* 10 &+ digit(15)
        let second = digit(17) &* 10 &+ digit(18)
        return Self.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second).map { Timestamp(seconds: $0) }
    }

    /// Seconds since 1970-01-01T00:00:00Z of a UTC civil date and time; nil for an impossible one.
    @inline(__always) private static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        guard month >= 1, month <= 12, day >= 1, day <= Self.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        return Int64(Self.daysFromCivil(year: year, month: month, day: day)) &* 86_400 &+ Int64(hour &* 3600 &+ minute &* 60 &+ second)
    }

    /// `metav1.Time`'s JSON form: RFC 3339 in UTC, whole seconds (`2006-01-02T15:04:05Z`).
    public var rfc3339: String {
        let (date, time) = civil
        return date + "T" + time + "Z"
    }

    /// Go's `Time.String()` for a UTC time: `2006-01-02 15:04:05.999999999 +0000 UTC`
    /// (the fraction only when non-zero, trailing zeros dropped).
    public var goString: String {
        let (date, time) = civil
        var text = date + " " + time
        if nanoseconds > 0 {
            var fraction = Self.pad(Int(nanoseconds), 9)
            while fraction.last == "0" { fraction.removeLast() }
            text += "." + fraction
        }
        return text + " +0000 UTC"
    }

    public var description: String { rfc3339 }

    private var civil: (date: String, time: String) {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = Self.civilFromDays(days)
        let date = (year < 0 ? "-" + Self.pad(-year, 4) : Self.pad(year, 4)) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        let time = Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay / 60 % 60, 2) + ":" + Self.pad(secondOfDay % 60, 2)
        return (date, time)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    @inline(__always) private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for i in start..<(start + count) {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
