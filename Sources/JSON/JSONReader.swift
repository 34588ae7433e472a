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

    private enum State {
        case expectValue
        case afterValue
        case objectStart
        case arrayStart
        case done
    }

    /// Nesting is tracked in a fixed bit stack (1 = object), so reading allocates nothing.
    public static let maxSupportedDepth = 512

    private var scanner: JSONScanner
    private var state = State.expectValue
    private let maxDepth: Int
    /// Open containers.
    public private(set) var depth = 0
    private var kinds: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    public init(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONParser.defaultMaxDepth) {
        // An empty buffer may have no address; the placeholder is never read (count is 0).
        scanner = JSONScanner(base: buffer.baseAddress ?? JSONReader.placeholder.utf8Start, count: buffer.count)
        self.maxDepth = min(maxDepth, Self.maxSupportedDepth)
    }

    private static let placeholder: StaticString = " "

    /// Byte offset of the next unread input.
    public var offset: Int { scanner.index }

    /// The next token, or nil after the complete document (trailing whitespace only).
    public mutating func next() throws(JSONError) -> Token? {
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

    /// Skips the value that comes next (after a `.key`, or an array element), however deep.
    public mutating func skipValue() throws(JSONError) {
        let floor = depth
        repeat {
            guard try next() != nil else { throw JSONError(.unexpectedEnd, at: scanner.index) }
        } while depth > floor
    }

    /// The string a span denotes (escapes decoded).
    public func string(_ span: JSONStringSpan) -> String {
        var scratch: [UInt8] = []
        return scanner.string(span, scratch: &scratch)
    }

    /// Whether a span denotes exactly `text`, compared without building a String.
    public func matches(_ span: JSONStringSpan, _ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        if span.hasEscapes { return string(span) == String(describing: text) }
        guard span.count == length else { return false }
        let start = text.utf8Start
        for i in 0..<length where scanner.base[span.start + i] != start[i] { return false }
        return true
    }

    /// The raw bytes of a span or number (for a span without escapes, its content).
    public func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let lower = max(0, min(range.lowerBound, scanner.count))
        let upper = max(lower, min(range.upperBound, scanner.count))
        return UnsafeBufferPointer(start: scanner.base + lower, count: upper - lower)
    }

    /// A number's literal text.
    public func numberText(_ range: Range<Int>) -> String {
        String(decoding: bytes(range), as: UTF8.self)
    }

    // MARK: private

    private mutating func readKey() throws(JSONError) -> Token {
        guard try scanner.nextSignificantByte() == UInt8(ascii: "\"") else {
            throw JSONError(.unexpectedCharacter, at: scanner.index)
        }
        let span = try scanner.scanString()
        guard try scanner.nextSignificantByte() == UInt8(ascii: ":") else {
            throw JSONError(.unexpectedCharacter, at: scanner.index)
        }
        scanner.index += 1
        state = .expectValue
        return .key(span)
    }

    private mutating func readValue() throws(JSONError) -> Token {
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

    private mutating func open(object: Bool) throws(JSONError) {
        if depth >= maxDepth { throw JSONError(.tooDeep, at: scanner.index) }
        let word = depth >> 6
        let bit = UInt64(1) << UInt64(depth & 63)
        withUnsafeMutableBytes(of: &kinds) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            if object { words[word] |= bit } else { words[word] &= ~bit }
        }
        depth += 1
        scanner.index += 1
    }

    private mutating func close() -> Token {
        let wasObject = isInObject
        depth -= 1
        state = .afterValue
        return wasObject ? .objectEnd : .arrayEnd
    }

    private var isInObject: Bool {
        guard depth > 0 else { return false }
        let level = depth - 1
        return withUnsafeBytes(of: kinds) { raw in
            raw.load(fromByteOffset: (level >> 6) * 8, as: UInt64.self) >> UInt64(level & 63) & 1 == 1
        }
    }
}
