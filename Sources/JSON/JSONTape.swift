import CJSONTape

/// A JSON text validated and laid out by simdjson (`CJSONTape`): a tape of 64-bit words, one per
/// value or container end, and a buffer of the strings, unescaped. Reading it costs no scanning,
/// which makes it the fast way through a large body of which a program needs most members.
///
/// It accepts less than `JSONParser`: whatever simdjson refuses (lone surrogate escapes, numbers
/// out of range, nesting deeper than `maxDepth`, a body larger than `maxBytes`) gives nil, and the
/// caller reads the bytes with `JSONReader`, which decides those cases. Anything it accepts,
/// `JSONParser` accepts with the same meaning. The tape lives in the calling thread's parser:
/// use it before that thread parses again.
public struct JSONTape {
    @usableFromInline let words: UnsafePointer<UInt64>
    @usableFromInline let count: Int
    @usableFromInline let strings: UnsafeBufferPointer<UInt8>

    /// Nesting deeper than this is left to `JSONReader` (whose limit is higher).
    public static let maxDepth = 256
    /// Bodies larger than this are left to `JSONReader`: each thread's parser keeps the buffers
    /// of the largest document it has read (about 20 bytes per input byte, so at most 5 MB here).
    public static let maxBytes = 256 << 10

    /// Bytes simdjson may read past the end of a text; a buffer with this many allocated behind
    /// its text (`allocatedCount`) is parsed where it is, without a copy.
    public static let padding = Int(CJT_PADDING)

    /// Parses `bytes`. `allocatedCount` is how many bytes from the start of `bytes` are allocated
    /// (an array's capacity, say): with `padding` of them past the text, simdjson reads the text
    /// in place; with fewer (the default) the text is copied first.
    public init?(_ bytes: UnsafeBufferPointer<UInt8>, allocatedCount: Int = 0) {
        guard let base = bytes.baseAddress, bytes.count > 0, !Self.startsWithByteOrderMark(bytes) else { return nil }
        var tape = cjt_tape()
        guard cjt_parse(base, bytes.count, max(allocatedCount, bytes.count), Self.maxDepth, Self.maxBytes, &tape) == 0, let words = tape.tape, let strings = tape.strings,
              tape.count >= 2 else { return nil }
        self.words = words
        count = tape.count
        self.strings = UnsafeBufferPointer(start: strings, count: tape.strings_length)
    }

    /// simdjson skips a UTF-8 byte order mark, which JSON (and `JSONParser`) does not allow.
    private static func startsWithByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// A reader at the document's root value.
    public var reader: JSONTapeReader { JSONTapeReader(self) }

    /// Where the string of a `"` word lies in `strings`: its bytes follow a 4-byte
    /// little-endian length at the word's offset.
    @inlinable static func stringRange(of word: UInt64, in strings: UnsafePointer<UInt8>) -> Range<Int> {
        let offset = Int(truncatingIfNeeded: word & 0x00FF_FFFF_FFFF_FFFF)
        let length = Int(UnsafeRawPointer(strings + offset).loadUnaligned(as: UInt32.self).littleEndian)
        return (offset &+ 4)..<(offset &+ 4 &+ length)
    }
}

/// Reads a `JSONTape` as `JSONReader` reads bytes (`JSONPullReader`). The tape is already valid,
/// so the reader only moves through it; it throws only when asked for something that is not
/// there (a member name where a value comes, say), as `JSONReader` would.
public struct JSONTapeReader: JSONPullReader {
    @usableFromInline let tape: JSONTape
    /// The next word to read.
    @usableFromInline var index = 1

    @usableFromInline init(_ tape: JSONTape) {
        self.tape = tape
    }

    @inlinable public var input: UnsafeBufferPointer<UInt8> { tape.strings }

    @inlinable var word: UInt64 { tape.words[index] }
    @inlinable var type: UInt8 { UInt8(truncatingIfNeeded: word >> 56) }

    /// The string of a `"` word (`JSONTape.stringRange`).
    @inlinable func span(of word: UInt64) -> JSONStringSpan {
        let range = JSONTape.stringRange(of: word, in: tape.strings.baseAddress!)
        return JSONStringSpan(start: range.lowerBound, end: range.upperBound, hasEscapes: false)
    }

    @inlinable public mutating func next() throws(JSONError) -> JSONReader.Token? {
        guard index < tape.count - 1 else { return nil }
        let word = self.word
        switch UInt8(truncatingIfNeeded: word >> 56) {
        case UInt8(ascii: "{"):
            index &+= 1
            return .objectStart
        case UInt8(ascii: "["):
            index &+= 1
            return .arrayStart
        case UInt8(ascii: "}"):
            index &+= 1
            return .objectEnd
        case UInt8(ascii: "]"):
            index &+= 1
            return .arrayEnd
        case UInt8(ascii: "\""):
            index &+= 1
            return .string(span(of: word))
        case UInt8(ascii: "l"), UInt8(ascii: "u"), UInt8(ascii: "d"):
            index &+= 2
            return .number(0..<0)
        case UInt8(ascii: "t"):
            index &+= 1
            return .bool(true)
        case UInt8(ascii: "f"):
            index &+= 1
            return .bool(false)
        case UInt8(ascii: "n"):
            index &+= 1
            return .null
        default:
            throw JSONError(.unexpectedCharacter, at: index)
        }
    }

    /// In an object, after its `{` or a member's value: the next member's name (a tape holds
    /// names as strings), or nil having passed the `}`.
    @inlinable public mutating func nextKey() throws(JSONError) -> JSONStringSpan? {
        guard index < tape.count - 1 else { throw JSONError(.unexpectedEnd, at: index) }
        let word = self.word
        switch UInt8(truncatingIfNeeded: word >> 56) {
        case UInt8(ascii: "\""):
            index &+= 1
            return span(of: word)
        case UInt8(ascii: "}"):
            index &+= 1
            return nil
        default:
            throw JSONError(.unexpectedCharacter, at: index)
        }
    }

    @inlinable public mutating func hasNextElement() throws(JSONError) -> Bool {
        guard index < tape.count - 1 else { throw JSONError(.unexpectedEnd, at: index) }
        if type == UInt8(ascii: "]") {
            index &+= 1
            return false
        }
        return true
    }

    @inlinable public mutating func nextPlainString() throws(JSONError) -> JSONStringSpan? {
        guard index < tape.count - 1, type == UInt8(ascii: "\"") else { return nil }
        let span = span(of: word)
        index &+= 1
        return span
    }

    @inlinable public mutating func skipValue() throws(JSONError) {
        guard index < tape.count - 1 else { throw JSONError(.unexpectedEnd, at: index) }
        if type == UInt8(ascii: "}") || type == UInt8(ascii: "]") { throw JSONError(.unexpectedCharacter, at: index) }
        var cursor = self.cursor
        cursor.skipValue()
        index = cursor.index
    }

    @inlinable public func matches(_ span: JSONStringSpan, _ text: StaticString) -> Bool {
        cursor.matches(span.start..<span.end, text)
    }

    public func string(_ span: JSONStringSpan) -> String {
        cursor.text(clamped(span.start..<span.end))
    }

    @inlinable public func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: tape.strings[clamped(range)])
    }

    /// A range kept within the string buffer.
    @inlinable func clamped(_ range: Range<Int>) -> Range<Int> {
        let lower = max(0, min(range.lowerBound, tape.strings.count))
        let upper = max(lower, min(range.upperBound, tape.strings.count))
        return lower..<upper
    }
}
