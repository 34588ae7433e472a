import JSON

/// `CloudProfileVersionTable.read(_:)` on a simdjson tape: the same members, the same table and
/// the same `Unusual` cases, with the tape's words walked in place (`JSONTapeCursor`). The
/// functions here are inlined into one, so the cursor lives in a register; reading a version
/// costs about a quarter of the instructions the token reader needs.
extension CloudProfileVersionTable {
    private typealias Cursor = JSONTapeCursor

    static func read(tape reader: inout JSONTapeReader) throws -> CloudProfileVersionTable {
        var table = CloudProfileVersionTable(body: reader.input)
        table.versions.reserveCapacity(64)
        table.stages.reserveCapacity(128)
        var cursor = reader.cursor
        try table.readRoot(&cursor)
        reader.resume(at: cursor)
        return table
    }

    @inline(__always) private mutating func readRoot(_ cursor: inout Cursor) throws {
        try Self.enterObject(&cursor)
        var seen = Seen()
        while let key = cursor.nextKey() {
            if cursor.matches(key, "spec") {
                try seen.first(0)
                try Self.enterObject(&cursor)
                try readSpec(&cursor)
            } else if cursor.matches(key, "status") {
                try seen.first(1)
                hasStatus = true
                cursor.skipValue()
            } else {
                cursor.skipValue()
            }
        }
    }

    @inline(__always) private mutating func readSpec(_ cursor: inout Cursor) throws {
        var seen = Seen()
        while let key = cursor.nextKey() {
            if cursor.matches(key, "kubernetes") {
                try seen.first(0)
                switch cursor.type {
                case UInt8(ascii: "{"):
                    cursor.step()
                    hasKubernetes = true
                    var seenVersions = Seen()
                    while let member = cursor.nextKey() {
                        guard cursor.matches(member, "versions") else { cursor.skipValue(); continue }
                        try seenVersions.first(0)
                        kubernetes = try readVersions(&cursor)
                    }
                case UInt8(ascii: "n"):
                    cursor.step()
                default:
                    throw Unusual()
                }
            } else if cursor.matches(key, "machineImages") {
                try seen.first(1)
                guard try Self.arrayStart(&cursor) else { continue }
                images.reserveCapacity(8)
                while cursor.hasNextElement() {
                    try readImage(&cursor)
                }
            } else {
                cursor.skipValue()
            }
        }
    }

    @inline(__always) private mutating func readImage(_ cursor: inout Cursor) throws {
        try Self.enterObject(&cursor)
        var image = Image(name: 0..<0, versions: versions.endIndex..<versions.endIndex)
        var seen = Seen()
        while let key = cursor.nextKey() {
            if cursor.matches(key, "name") {
                try seen.first(0)
                image.name = try Self.optionalText(&cursor) ?? 0..<0
            } else if cursor.matches(key, "versions") {
                try seen.first(1)
                image.versions = try readVersions(&cursor)
            } else {
                cursor.skipValue()
            }
        }
        images.append(image)
    }

    @inline(__always) private mutating func readVersions(_ cursor: inout Cursor) throws -> Range<Int> {
        let start = versions.endIndex
        guard try Self.arrayStart(&cursor) else { return start..<start }
        while cursor.hasNextElement() {
            try readVersion(&cursor)
        }
        return start..<versions.endIndex
    }

    @inline(__always) private mutating func readVersion(_ cursor: inout Cursor) throws {
        try Self.enterObject(&cursor)
        var text: Range<Int>?
        var numbers: (UInt64, UInt64, UInt64)?
        var classification: Classification?
        var expirationDate: Timestamp?
        var stageRange = stages.endIndex..<stages.endIndex
        var hasLifecycleField = false
        var seen = Seen()
        while let key = cursor.nextKey() {
            if cursor.matches(key, "version") {
                try seen.first(0)
                guard let range = cursor.nextString() else { throw Unusual() }
                text = range
                numbers = Self.numbers(bytes(range))
            } else if cursor.matches(key, "classification") {
                try seen.first(1)
                classification = try optionalClassification(&cursor)
            } else if cursor.matches(key, "expirationDate") {
                try seen.first(2)
                expirationDate = try optionalTime(&cursor)
            } else if cursor.matches(key, "lifecycle") {
                try seen.first(3)
                guard try Self.arrayStart(&cursor) else { continue }
                hasLifecycleField = true
                let first = stages.endIndex
                while cursor.hasNextElement() {
                    let stage = try readStage(&cursor)
                    stages.append(stage)
                }
                stageRange = first..<stages.endIndex
            } else {
                cursor.skipValue()
            }
        }
        guard let text else { throw Unusual() }
        versions.append(Version(text: text, numbers: numbers, classification: classification, expirationDate: expirationDate,
                                stages: stageRange, hasLifecycleField: hasLifecycleField))
    }

    @inline(__always) private mutating func readStage(_ cursor: inout Cursor) throws -> Stage {
        try Self.enterObject(&cursor)
        var classification: Classification?
        var startTime: Timestamp?
        var seen = Seen()
        while let key = cursor.nextKey() {
            if cursor.matches(key, "classification") {
                try seen.first(0)
                classification = try optionalClassification(&cursor)
            } else if cursor.matches(key, "startTime") {
                try seen.first(1)
                startTime = try optionalTime(&cursor)
            } else {
                cursor.skipValue()
            }
        }
        guard let classification else { throw Unusual() }
        return Stage(classification: classification, startTime: startTime)
    }

    // MARK: Steps

    /// Past the `{` at hand; anything else is unusual.
    @inline(__always) private static func enterObject(_ cursor: inout Cursor) throws {
        guard cursor.enterObject() else { throw Unusual() }
    }

    /// The `[` of an array: true; false for null; anything else is unusual.
    @inline(__always) private static func arrayStart(_ cursor: inout Cursor) throws -> Bool {
        switch cursor.type {
        case UInt8(ascii: "["): cursor.step(); return true
        case UInt8(ascii: "n"): cursor.step(); return false
        default: throw Unusual()
        }
    }

    /// A string member's range; nil for null; anything else is unusual.
    @inline(__always) private static func optionalText(_ cursor: inout Cursor) throws -> Range<Int>? {
        if let range = cursor.nextString() { return range }
        guard cursor.nextNull() else { throw Unusual() }
        return nil
    }

    @inline(__always) private func optionalClassification(_ cursor: inout Cursor) throws -> Classification? {
        guard let text = try Self.optionalText(&cursor) else { return nil }
        guard let classification = Classification(bytes(text)) else { throw Unusual() }
        return classification
    }

    @inline(__always) private mutating func optionalTime(_ cursor: inout Cursor) throws -> Timestamp? {
        guard let text = try Self.optionalText(&cursor) else { return nil }
        return try time(bytes(text))
    }
}
