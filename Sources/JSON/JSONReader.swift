/// A pull reader over JSON bytes: it yields tokens in document order without building a
/// document, and strings as spans of the input (no copy until `string(_:)` is asked for). It
/// accepts exactly what `JSONParser` accepts (same grammar, UTF-8 and depth checks), so a body
/// read this way has the same meaning as its `JSONValue`.
///
/// This is the fast path for request bodies of which only a few fields matter, such as a
/// SubjectAccessReview. Read an object by keys and skip what you do not need:
///
///     var reader = JSONReader(buffer)
///     guard try reader.next() == .objectStart else { throw … }
///     while case .key(let key)? = try reader.next() {
///         if reader.matches(key, "apiVersion") {
///             guard case .string(let value)? = try reader.next() else { throw … }
///             apiVersion = reader.string(value)
///         } else {
///             try reader.skipValue()
///         }
///     }
///     // the loop ends at .objectEnd; next() then returns nil once the document is complete
///
/// The buffer must stay valid while the reader and its spans are used.
public struct JSONReader {
    public enum Token: Sendable, Equatable {
        case objectStart
        case objectEnd
        case arrayStart
        case arrayEnd
        /// A member name; the member's value is the next token.
        case key(JSONStringSpan)
        case string(JSONStringSpan)
        /// The number's bytes in the input (RFC 8259 grammar checked).
        case number(Range<Int>)
        case bool(Bool)
        case null
    }

    @usableFromInline enum State {
        case expectValue
        case afterValue
        case objectStart
        case arrayStart
        case done
    }

    /// Nesting is tracked in a fixed bit stack (1 = object), so reading allocates nothing.
    public static let maxSupportedDepth = 512

    @usableFromInline var scanner: JSONScanner
    @usableFromInline var state = State.expectValue
    @usableFromInline let maxDepth: Int
    /// Open containers.
    @inlinable public var depth: Int { level }
    @usableFromInline var level = 0
    @usableFromInline var kinds: Kinds = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Whether the innermost open container is an object (the top of `kinds`, kept at hand).
    @usableFromInline var topIsObject = false

    public init(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONParser.defaultMaxDepth) {
        // An empty buffer may have no address; the placeholder is never read (count is 0).
        scanner = JSONScanner(base: buffer.baseAddress ?? JSONReader.placeholder.utf8Start, count: buffer.count)
        self.maxDepth = min(maxDepth, Self.maxSupportedDepth)
    }

    private static let placeholder: StaticString = " "

    /// The bytes being read (spans and offsets index into them).
    @inlinable public var input: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: scanner.base, count: scanner.count)
    }

    /// Byte offset of the next unread input.
    @inlinable public var offset: Int { scanner.index }

    /// The next token, or nil after the complete document (trailing whitespace only).
    @inlinable public mutating func next() throws(JSONError) -> Token? {
        switch state {
        case .expectValue:
            return try readValue()
        case .objectStart:
            if try scanner.nextSignificantByte() == UInt8(ascii: "}") {
                scanner.index += 1
                return close()
            }
            return try readKey()
        case .arrayStart:
            if try scanner.nextSignificantByte() == UInt8(ascii: "]") {
                scanner.index += 1
                return close()
            }
            return try readValue()
        case .afterValue:
            if depth == 0 {
                scanner.skipWhitespace()
                if !scanner.isAtEnd { throw JSONError(.trailingData, at: scanner.index) }
                state = .done
                return nil
            }
            let byte = try scanner.nextSignificantByte()
            if isInObject {
                switch byte {
                case UInt8(ascii: ","):
                    scanner.index += 1
                    return try readKey()
                case UInt8(ascii: "}"):
                    scanner.index += 1
                    return close()
                default:
                    throw JSONError(.unexpectedCharacter, at: scanner.index)
                }
            }
            switch byte {
            case UInt8(ascii: ","):
                scanner.index += 1
                return try readValue()
            case UInt8(ascii: "]"):
                scanner.index += 1
                return close()
            default:
                throw JSONError(.unexpectedCharacter, at: scanner.index)
            }
        case .done:
            return nil
        }
    }

    /// In an object whose `{` or a member value has just been read: the next member's name (its
    /// value comes next), or nil having read the closing `}`. The same as `next()` returning
    /// `.key` or `.objectEnd`, without the token. Call it only there.
    @inlinable public mutating func nextKey() throws(JSONError) -> JSONStringSpan? {
        switch state {
        case .objectStart:
            if try closesEmpty(UInt8(ascii: "}")) { return nil }
        case .afterValue where isInObject:
            guard try separatorOrClose(UInt8(ascii: "}")) else { return nil }
        default:
            throw JSONError(.unexpectedCharacter, at: scanner.index)
        }
        return try readMemberName()
    }

    /// In an array whose `[` or an element has just been read: whether another element follows
    /// (then read with `next()`), or false having read the closing `]`.
    @inlinable public mutating func hasNextElement() throws(JSONError) -> Bool {
        switch state {
        case .arrayStart:
            if try closesEmpty(UInt8(ascii: "]")) { return false }
        case .afterValue where level > 0 && !isInObject:
            guard try separatorOrClose(UInt8(ascii: "]")) else { return false }
        default:
            throw JSONError(.unexpectedCharacter, at: scanner.index)
        }
        state = .expectValue
        return true
    }

    /// Just after `{` or `[`: reads `closer` if it comes next (the container is empty).
    @inlinable @inline(__always) mutating func closesEmpty(_ closer: UInt8) throws(JSONError) -> Bool {
        guard try scanner.nextSignificantByte() == closer else { return false }
        scanner.index += 1
        _ = close()
        return true
    }

    /// After a value in a container: reads `,` (true) or the container's `closer` (false).
    @inlinable @inline(__always) mutating func separatorOrClose(_ closer: UInt8) throws(JSONError) -> Bool {
        switch try scanner.nextSignificantByte() {
        case UInt8(ascii: ","):
            scanner.index += 1
            return true
        case closer:
            scanner.index += 1
            _ = close()
            return false
        default:
            throw JSONError(.unexpectedCharacter, at: scanner.index)
        }
    }

    /// Skips the value that comes next (after a `.key`, or an array element), however deep.
    /// Accepts and refuses exactly what reading it token by token would (same errors, same
    /// offsets), in one tight loop: skipped members are most of a large review.
    public mutating func skipValue() throws(JSONError) {
        guard state == .expectValue else {
            let floor = depth
            repeat {
                guard try next() != nil else { throw JSONError(.unexpectedEnd, at: scanner.index) }
            } while depth > floor
            return
        }
        var cursor = scanner
        let floor = depth
        var level = depth
        var levels = kinds
        var inObject = topIsObject
        defer { scanner = cursor }
        @inline(__always) func push(_ object: Bool, _ level: inout Int, _ levels: inout Kinds, _ cursor: inout JSONScanner) throws(JSONError) {
            if level >= maxDepth { throw JSONError(.tooDeep, at: cursor.index) }
            Self.setKind(object: object, at: level, in: &levels)
            level += 1
            cursor.index += 1
        }
        value: while true {
            let byte = try cursor.nextSignificantByte()
            switch byte {
            case UInt8(ascii: "\""):
                _ = try cursor.scanString()
            case UInt8(ascii: "{"):
                try push(true, &level, &levels, &cursor)
                if try cursor.nextSignificantByte() == UInt8(ascii: "}") {
                    cursor.index += 1
                    level -= 1
                } else {
                    inObject = true
                    _ = try cursor.scanMemberName()
                    continue value
                }
            case UInt8(ascii: "["):
                try push(false, &level, &levels, &cursor)
                if try cursor.nextSignificantByte() == UInt8(ascii: "]") {
                    cursor.index += 1
                    level -= 1
                } else {
                    inObject = false
                    continue value
                }
            case UInt8(ascii: "t"):
                try cursor.expectLiteral("true")
            case UInt8(ascii: "f"):
                try cursor.expectLiteral("false")
            case UInt8(ascii: "n"):
                try cursor.expectLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                _ = try cursor.scanNumber()
            default:
                throw JSONError(.unexpectedCharacter, at: cursor.index)
            }
            // After a value: a separator, or the end of one or more containers.
            while level > floor {
                let next = try cursor.nextSignificantByte()
                if inObject {
                    if next == UInt8(ascii: ",") {
                        cursor.index += 1
                        _ = try cursor.scanMemberName()
                        continue value
                    }
                    guard next == UInt8(ascii: "}") else { throw JSONError(.unexpectedCharacter, at: cursor.index) }
                } else {
                    if next == UInt8(ascii: ",") {
                        cursor.index += 1
                        continue value
                    }
                    guard next == UInt8(ascii: "]") else { throw JSONError(.unexpectedCharacter, at: cursor.index) }
                }
                cursor.index += 1
                level -= 1
                inObject = level > 0 && Self.isObject(at: level - 1, in: &levels)
            }
            state = .afterValue
            return
        }
    }

    /// The string a span denotes (escapes decoded).
    public func string(_ span: JSONStringSpan) -> String {
        var scratch: [UInt8] = []
        return scanner.string(span, scratch: &scratch)
    }

    /// Whether a span denotes exactly `text`, compared without building a String.
    @inlinable @inline(__always) public func matches(_ span: JSONStringSpan, _ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        if _slowPath(span.hasEscapes) { return Self.matchesEscaped(span, text, in: scanner.base, count: scanner.count) }
        guard span.count == length else { return false }
        return text.isSpelled(by: scanner.base + span.start)
    }

    /// The escaped case, out of line and without the reader (a copy of it on every key costs
    /// more than the comparison).
    @usableFromInline static func matchesEscaped(_ span: JSONStringSpan, _ text: StaticString,
                                                 in base: UnsafePointer<UInt8>, count: Int) -> Bool {
        var scratch: [UInt8] = []
        return JSONScanner(base: base, count: count).string(span, scratch: &scratch) == String(describing: text)
    }

    /// The next value if it is a string (without escapes, so its bytes are the string); nil,
    /// reading nothing, for any other value. Only where a value comes next.
    @inlinable public mutating func nextPlainString() throws(JSONError) -> JSONStringSpan? {
        guard state == .expectValue, try scanner.nextSignificantByte() == UInt8(ascii: "\"") else { return nil }
        let mark = scanner.index
        let span = try scanner.scanString()
        if _slowPath(span.hasEscapes) {
            scanner.index = mark
            return nil
        }
        state = .afterValue
        return span
    }

    /// The raw bytes of a span or number (for a span without escapes, its content).
    @inlinable public func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let lower = max(0, min(range.lowerBound, scanner.count))
        let upper = max(lower, min(range.upperBound, scanner.count))
        return UnsafeBufferPointer(start: scanner.base + lower, count: upper - lower)
    }

    /// A number's literal text.
    public func numberText(_ range: Range<Int>) -> String {
        String(decoding: bytes(range), as: UTF8.self)
    }

    // MARK: private

    @inlinable mutating func readKey() throws(JSONError) -> Token {
        .key(try readMemberName())
    }

    /// A member name and its colon.
    @inlinable @inline(__always) mutating func readMemberName() throws(JSONError) -> JSONStringSpan {
        let span = try scanner.scanMemberName()
        state = .expectValue
        return span
    }

    @inlinable mutating func readValue() throws(JSONError) -> Token {
        let byte = try scanner.nextSignificantByte()
        state = .afterValue
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try scanner.scanString())
        case UInt8(ascii: "{"):
            try open(object: true)
            state = .objectStart
            return .objectStart
        case UInt8(ascii: "["):
            try open(object: false)
            state = .arrayStart
            return .arrayStart
        case UInt8(ascii: "t"):
            try scanner.expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try scanner.expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try scanner.expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try scanner.scanNumber())
        default:
            throw JSONError(.unexpectedCharacter, at: scanner.index)
        }
    }

    @inlinable mutating func open(object: Bool) throws(JSONError) {
        if depth >= maxDepth { throw JSONError(.tooDeep, at: scanner.index) }
        Self.setKind(object: object, at: level, in: &kinds)
        topIsObject = object
        level += 1
        scanner.index += 1
    }

    @inlinable mutating func close() -> Token {
        let wasObject = topIsObject
        level -= 1
        topIsObject = level > 0 && Self.isObject(at: level - 1, in: &kinds)
        state = .afterValue
        return wasObject ? .objectEnd : .arrayEnd
    }

    @inlinable @inline(__always) var isInObject: Bool { topIsObject }

    /// Which open containers are objects: one bit per level (1 = object), so nesting allocates nothing.
    @usableFromInline typealias Kinds = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    @inlinable @inline(__always) static func setKind(object: Bool, at level: Int, in kinds: inout Kinds) {
        let word = level >> 6
        let bit = UInt64(1) << UInt64(level & 63)
        withUnsafeMutableBytes(of: &kinds) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            if object { words[word] |= bit } else { words[word] &= ~bit }
        }
    }

    /// `kinds` is inout only so that it is read in place, not copied.
    @inlinable @inline(__always) static func isObject(at level: Int, in kinds: inout Kinds) -> Bool {
        withUnsafeBytes(of: &kinds) { raw in
            raw.load(fromByteOffset: (level >> 6) * 8, as: UInt64.self) >> UInt64(level & 63) & 1 == 1
        }
    }
}
