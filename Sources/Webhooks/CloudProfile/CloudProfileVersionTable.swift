import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The versions of a (Namespaced)CloudProfile read straight from the request (its bytes, or its
/// simdjson tape: any `JSONPullReader`) into flat tables of plain values: no strings, no
/// per-version arrays, nothing reference counted. This is what the webhooks decide most requests
/// on (`CloudProfileVersionTable+Decisions`). Ranges index into the reader's `input`.
///
/// It only holds what it understood. Anything a quick read cannot be sure about (an unknown
/// classification, a member of the wrong type or given twice, a string with escapes in the bytes,
/// an impossible time) makes `read` throw `Unusual`, and the request is then decided on the
/// documents by the full rules, which also say what is wrong.
struct CloudProfileVersionTable {
    /// A classification this table knows; the raw values are Gardener's order (unavailable 0
    /// never appears in a spec).
    enum Classification: UInt8 {
        case preview = 1
        case supported = 2
        case deprecated = 3
        case expired = 4

        /// A classification from the bytes of a string, or nil for anything else.
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return nil }
            switch bytes.count {
            case 7 where StaticString("preview").isSpelled(by: base): self = .preview
            case 7 where StaticString("expired").isSpelled(by: base): self = .expired
            case 9 where StaticString("supported").isSpelled(by: base): self = .supported
            case 10 where StaticString("deprecated").isSpelled(by: base): self = .deprecated
            default: return nil
            }
        }
    }

    struct Stage {
        var classification: Classification
        /// nil: counts as Go's zero time.
        var startTime: Timestamp?
    }

    struct Version {
        /// The version string's bytes in the body (never escaped).
        var text: Range<Int>
        /// `major.minor.patch` when the text is exactly `^[0-9]+\.[0-9]+\.[0-9]+$` within 64 bits.
        var numbers: (UInt64, UInt64, UInt64)?
        var classification: Classification?
        var expirationDate: Timestamp?
        /// This version's stages in `stages`.
        var stages: Range<Int>
        /// Whether `lifecycle` was given as an array (Gardener tells `[]` from no lifecycle).
        var hasLifecycleField: Bool
    }

    struct Image {
        /// The name's bytes (never escaped); empty when not given.
        var name: Range<Int>
        /// This image's versions in `versions`.
        var versions: Range<Int>
    }

    /// Thrown for anything the table does not represent; the full rules then decide.
    struct Unusual: Error {}

    /// The body the ranges point into.
    let body: UnsafeBufferPointer<UInt8>
    var hasKubernetes = false
    /// The Kubernetes versions in `versions`.
    var kubernetes: Range<Int> = 0..<0
    var images: [Image] = []
    var versions: [Version] = []
    var stages: [Stage] = []
    var hasStatus = false
    /// Times already read, by their text.
    var recentTimes = RecentTimes()

    /// The bytes of a range of the body.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: body[range])
    }

    /// Whether two ranges of the body hold the same bytes.
    func sameText(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(body.baseAddress! + a.lowerBound, body.baseAddress! + b.lowerBound, a.count) == 0)
    }

    // MARK: Reading

    /// Reads an object from a reader positioned before its `{`, leaving it after the `}`.
    /// Throws `JSONError` for bytes that are not JSON and `Unusual` for what the table cannot hold.
    static func read<Reader: JSONPullReader>(_ reader: inout Reader) throws -> CloudProfileVersionTable {
        // A tape is walked in place (`+Tape`); the check folds away in each specialization.
        if Reader.self == JSONTapeReader.self {
            return try withUnsafeMutablePointer(to: &reader) { pointer in
                try pointer.withMemoryRebound(to: JSONTapeReader.self, capacity: 1) { try read(tape: &$0.pointee) }
            }
        }
        var table = CloudProfileVersionTable(body: reader.input)
        table.versions.reserveCapacity(64)
        table.stages.reserveCapacity(128)
        guard case .objectStart? = try reader.next() else { throw Unusual() }
        var seen = Seen()
        while let key = try reader.nextKey() {
            if reader.matches(key, "spec") {
                try seen.first(0)
                guard case .objectStart? = try reader.next() else { throw Unusual() }
                try table.readSpec(&reader)
            } else if reader.matches(key, "status") {
                try seen.first(1)
                table.hasStatus = true
                try reader.skipValue()
            } else {
                try reader.skipValue()
            }
        }
        return table
    }

    private mutating func readSpec<Reader: JSONPullReader>(_ reader: inout Reader) throws {
        var seen = Seen()
        while let key = try reader.nextKey() {
            if reader.matches(key, "kubernetes") {
                try seen.first(0)
                switch try reader.next() {
                case .objectStart?:
                    hasKubernetes = true
                    var seenVersions = Seen()
                    while let member = try reader.nextKey() {
                        guard reader.matches(member, "versions") else { try reader.skipValue(); continue }
                        try seenVersions.first(0)
                        kubernetes = try readVersions(&reader)
                    }
                case .null?:
                    break
                default:
                    throw Unusual()
                }
            } else if reader.matches(key, "machineImages") {
                try seen.first(1)
                guard try Self.arrayStart(&reader) else { continue }
                images.reserveCapacity(8)
                while try reader.hasNextElement() {
                    try readImage(&reader)
                }
            } else {
                try reader.skipValue()
            }
        }
    }

    private mutating func readImage<Reader: JSONPullReader>(_ reader: inout Reader) throws {
        guard case .objectStart? = try reader.next() else { throw Unusual() }
        var image = Image(name: 0..<0, versions: versions.endIndex..<versions.endIndex)
        var seen = Seen()
        while let key = try reader.nextKey() {
            if reader.matches(key, "name") {
                try seen.first(0)
                image.name = try Self.optionalText(&reader) ?? 0..<0
            } else if reader.matches(key, "versions") {
                try seen.first(1)
                image.versions = try readVersions(&reader)
            } else {
                try reader.skipValue()
            }
        }
        images.append(image)
    }

    /// A `versions` array (or null): the range of the versions appended.
    private mutating func readVersions<Reader: JSONPullReader>(_ reader: inout Reader) throws -> Range<Int> {
        let start = versions.endIndex
        guard try Self.arrayStart(&reader) else { return start..<start }
        while try reader.hasNextElement() {
            try readVersion(&reader)
        }
        return start..<versions.endIndex
    }

    private mutating func readVersion<Reader: JSONPullReader>(_ reader: inout Reader) throws {
        guard case .objectStart? = try reader.next() else { throw Unusual() }
        // Members in locals, one append at the end: a `Version` built up in place would live in
        // memory across every call.
        var text: Range<Int>?
        var numbers: (UInt64, UInt64, UInt64)?
        var classification: Classification?
        var expirationDate: Timestamp?
        var stageRange = stages.endIndex..<stages.endIndex
        var hasLifecycleField = false
        var seen = Seen()
        while let key = try reader.nextKey() {
            if reader.matches(key, "version") {
                try seen.first(0)
                guard let span = try reader.nextPlainString() else { throw Unusual() }
                text = span.start..<span.end
                numbers = Self.numbers(reader.bytes(span.start..<span.end))
            } else if reader.matches(key, "classification") {
                try seen.first(1)
                classification = try Self.optionalClassification(&reader)
            } else if reader.matches(key, "expirationDate") {
                try seen.first(2)
                expirationDate = try optionalTime(&reader)
            } else if reader.matches(key, "lifecycle") {
                try seen.first(3)
                guard try Self.arrayStart(&reader) else { continue }
                hasLifecycleField = true
                let first = stages.endIndex
                while try reader.hasNextElement() {
                    let stage = try readStage(&reader)
                    stages.append(stage)
                }
                stageRange = first..<stages.endIndex
            } else {
                try reader.skipValue()
            }
        }
        guard let text else { throw Unusual() }
        versions.append(Version(text: text, numbers: numbers, classification: classification, expirationDate: expirationDate,
                                stages: stageRange, hasLifecycleField: hasLifecycleField))
    }

    private mutating func readStage<Reader: JSONPullReader>(_ reader: inout Reader) throws -> Stage {
        guard case .objectStart? = try reader.next() else { throw Unusual() }
        var classification: Classification?
        var startTime: Timestamp?
        var seen = Seen()
        while let key = try reader.nextKey() {
            if reader.matches(key, "classification") {
                try seen.first(0)
                classification = try Self.optionalClassification(&reader)
            } else if reader.matches(key, "startTime") {
                try seen.first(1)
                startTime = try optionalTime(&reader)
            } else {
                try reader.skipValue()
            }
        }
        guard let classification else { throw Unusual() }
        return Stage(classification: classification, startTime: startTime)
    }

    // MARK: Values

    /// Members already read in the object being read (a repeated member would need Go's
    /// last-one-wins bookkeeping; the full rules do that).
    struct Seen {
        var bits: UInt8 = 0
        mutating func first(_ member: UInt8) throws {
            let bit: UInt8 = 1 << member
            guard bits & bit == 0 else { throw Unusual() }
            bits |= bit
        }
    }

    /// A plain string member: its bytes; nil for null; anything else (escapes included) is unusual.
    private static func optionalText<Reader: JSONPullReader>(_ reader: inout Reader) throws -> Range<Int>? {
        if let span = try reader.nextPlainString() { return span.start..<span.end }
        guard try reader.next() == .null else { throw Unusual() }
        return nil
    }

    private static func optionalClassification<Reader: JSONPullReader>(_ reader: inout Reader) throws -> Classification? {
        guard let text = try optionalText(&reader) else { return nil }
        guard let classification = Classification(reader.bytes(text)) else { throw Unusual() }
        return classification
    }

    /// A time member; nil for null. Profiles repeat the same few dates, so the last ones read
    /// are remembered by their bytes.
    private mutating func optionalTime<Reader: JSONPullReader>(_ reader: inout Reader) throws -> Timestamp? {
        guard let text = try Self.optionalText(&reader) else { return nil }
        return try time(reader.bytes(text))
    }

    /// The time a member's text says (remembered or read).
    mutating func time(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Timestamp {
        if let time = recentTimes.time(of: bytes) { return time }
        guard let time = Timestamp(rfc3339: bytes) else { throw Unusual() }
        recentTimes.remember(time, of: bytes)
        return time
    }

    /// The last four times of the form `2006-01-02T15:04:05Z` (20 bytes, kept as three words).
    struct RecentTimes {
        private typealias Key = (UInt64, UInt64, UInt32)
        private var keys: (Key, Key, Key, Key) = ((0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0))
        private var times: (Timestamp, Timestamp, Timestamp, Timestamp) = (.goZero, .goZero, .goZero, .goZero)
        /// Slots in use, and the next one to fill.
        private var count = 0
        private var next = 0

        private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
            guard bytes.count == 20, let base = bytes.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }

        /// `mutating` though it changes nothing: the slots are then read in place, where a
        /// non-mutating call on the table's stored value copied all of them first.
        mutating func time(of bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
            guard let key = Self.key(bytes) else { return nil }
            if count > 0, keys.0 == key { return times.0 }
            if count > 1, keys.1 == key { return times.1 }
            if count > 2, keys.2 == key { return times.2 }
            if count > 3, keys.3 == key { return times.3 }
            return nil
        }

        mutating func remember(_ time: Timestamp, of bytes: UnsafeBufferPointer<UInt8>) {
            guard let key = Self.key(bytes) else { return }
            switch next {
            case 0: (keys.0, times.0) = (key, time)
            case 1: (keys.1, times.1) = (key, time)
            case 2: (keys.2, times.2) = (key, time)
            default: (keys.3, times.3) = (key, time)
            }
            next = (next + 1) & 3
            count = min(count + 1, 4)
        }
    }

    /// The `[` of an array: true; false for null.
    private static func arrayStart<Reader: JSONPullReader>(_ reader: inout Reader) throws -> Bool {
        switch try reader.next() {
        case .arrayStart?: return true
        case .null?: return false
        default: throw Unusual()
        }
    }

    /// `^[0-9]+\.[0-9]+\.[0-9]+$` read as three numbers, or nil (also for a leading zero or overflow).
    static func numbers(_ text: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64)? {
        var parts: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var part = 0
        var value: UInt64 = 0
        var digits = 0
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, part < 2 else { return nil }
                if part == 0 { parts.0 = value } else { parts.1 = value }
                part += 1
                value = 0
                digits = 0
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            // A leading zero is left to the full rules (semantic-version parsing decides there).
            guard digit < 10, digits == 0 || value != 0 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            digits += 1
        }
        guard part == 2, digits > 0 else { return nil }
        parts.2 = value
        return parts
    }
}
