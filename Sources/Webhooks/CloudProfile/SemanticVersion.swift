/// A semantic version as `github.com/Masterminds/semver/v3`'s `NewVersion` reads it (what
/// Gardener uses to find the latest version): an optional `v`, 1–3 numeric segments,
/// optional pre-release and build metadata. Ordering follows SemVer 2.0 precedence; build
/// metadata is ignored.
public struct SemanticVersion: Sendable, Hashable, Comparable {
    public var major: UInt64
    public var minor: UInt64
    public var patch: UInt64
    /// The pre-release identifiers joined by dots, or empty.
    public var prerelease: String

    /// Reads the version in one pass over its bytes (this runs for every version of every review).
    public init?(_ text: String) {
        var text = text
        // The pre-release bytes are copied out while the buffer is still valid.
        guard let parsed = text.withUTF8({ buffer -> (numbers: (UInt64, UInt64, UInt64), prerelease: String)? in
            guard let parsed = Self.parse(buffer) else { return nil }
            return (parsed.numbers, parsed.prerelease.map { String(decoding: $0, as: UTF8.self) } ?? "")
        }) else { return nil }
        (major, minor, patch) = parsed.numbers
        prerelease = parsed.prerelease
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (numbers: (UInt64, UInt64, UInt64), prerelease: UnsafeBufferPointer<UInt8>?)? {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "v") { i += 1 }
        var numbers: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var segment = 0
        while true {
            let start = i
            var value: UInt64 = 0
            while i < b.count, b[i] &- UInt8(ascii: "0") < 10 {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(b[i] &- UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                i += 1
            }
            guard i > start else { return nil }
            switch segment {
            case 0: numbers.0 = value
            case 1: numbers.1 = value
            default: numbers.2 = value
            }
            segment += 1
            guard segment < 3, i < b.count, b[i] == UInt8(ascii: ".") else { break }
            i += 1
        }
        var prerelease: UnsafeBufferPointer<UInt8>?
        if i < b.count, b[i] == UInt8(ascii: "-") {
            i += 1
            let start = i
            guard let end = identifiers(b, from: i, until: UInt8(ascii: "+")) else { return nil }
            prerelease = UnsafeBufferPointer(rebasing: b[start..<end])
            i = end
        }
        if i < b.count, b[i] == UInt8(ascii: "+") {
            guard let end = identifiers(b, from: i + 1, until: nil) else { return nil }
            i = end
        }
        guard i == b.count else { return nil }
        return (numbers, prerelease)
    }

    /// Dot-separated non-empty `[0-9A-Za-z-]+` identifiers from `start` up to `stop` or the end;
    /// the index after them, or nil when malformed.
    private static func identifiers(_ b: UnsafeBufferPointer<UInt8>, from start: Int, until stop: UInt8?) -> Int? {
        var i = start
        var length = 0
        while i < b.count, b[i] != stop {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard length > 0 else { return nil }
                length = 0
            } else if c &- UInt8(ascii: "0") < 10 || (c | 0x20) &- UInt8(ascii: "a") < 26 || c == UInt8(ascii: "-") {
                length += 1
            } else {
                return nil
            }
            i += 1
        }
        return length > 0 ? i : nil
    }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        if a.major != b.major { return a.major < b.major }
        if a.minor != b.minor { return a.minor < b.minor }
        if a.patch != b.patch { return a.patch < b.patch }
        switch (a.prerelease.isEmpty, b.prerelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        case (false, false): break
        }
        let x = a.prerelease.split(separator: "."), y = b.prerelease.split(separator: ".")
        for (p, q) in zip(x, y) where p != q {
            switch (UInt64(p), UInt64(q)) {
            case let (np?, nq?): return np < nq
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return p < q
            }
        }
        return x.count < y.count
    }
}
