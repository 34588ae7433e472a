/// A position on a `JSONTape` for readers that walk its words in place: no tokens and no
/// errors, only the type of the word at hand, the string it names and a way past its value.
/// With these inlined into one function its index stays in a register, which makes reading a
/// tape word cost a few instructions. What the reader makes of a word it did not expect is its
/// own affair (the tape itself is valid: containers close, a value follows each name).
public struct JSONTapeCursor {
    @usableFromInline let words: UnsafePointer<UInt64>
    /// The index of the last root word: a cursor never reads past it.
    @usableFromInline let last: Int
    @usableFromInline let strings: UnsafePointer<UInt8>
    /// The word at hand.
    public var index: Int

    @inlinable init(_ tape: JSONTape, index: Int) {
        words = tape.words
        last = tape.count - 1
        strings = tape.strings.baseAddress!
        self.index = index
    }

    /// The type byte of the word at hand (`{`, `[`, `}`, `]`, `"`, `l`/`u`/`d`, `t`, `f`, `n`),
    /// or `r` at the end of the document.
    @inlinable public var type: UInt8 {
        UInt8(truncatingIfNeeded: words[min(index, last)] >> 56)
    }

    /// Past the word at hand (a `{`, `[`, `}`, `]`, string, `t`, `f` or `n`).
    @inlinable public mutating func step() {
        index &+= 1
    }

    /// Past the value at hand, however deep; stays at a closing word or the end.
    @inlinable public mutating func skipValue() {
        guard index < last else { return }
        let word = words[index]
        switch UInt8(truncatingIfNeeded: word >> 56) {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            index = Int(truncatingIfNeeded: word & 0xFFFF_FFFF)
        case UInt8(ascii: "l"), UInt8(ascii: "u"), UInt8(ascii: "d"):
            index &+= 2
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            break
        default:
            index &+= 1
        }
    }

    /// The string of the `"` word at hand, as a range of the tape's string buffer (the
    /// `input` of its `JSONTapeReader`).
    @inlinable public var string: Range<Int> {
        JSONTape.stringRange(of: words[index], in: strings)
    }

    /// In an object, after its `{` or a member's value: the next member's name (the cursor then
    /// at its value), or nil having passed the `}`.
    @inlinable public mutating func nextKey() -> Range<Int>? {
        guard type == UInt8(ascii: "\"") else {
            step()
            return nil
        }
        let key = string
        step()
        return key
    }

    /// In an array: whether another element follows, or false having passed the `]`.
    @inlinable public mutating func hasNextElement() -> Bool {
        guard type == UInt8(ascii: "]") else { return true }
        step()
        return false
    }

    /// The `{` at hand, passed: true; false (nothing read) for anything else.
    @inlinable public mutating func enterObject() -> Bool {
        guard type == UInt8(ascii: "{") else { return false }
        step()
        return true
    }

    /// The string at hand, passed: its range; nil (nothing read) for anything else.
    @inlinable public mutating func nextString() -> Range<Int>? {
        guard type == UInt8(ascii: "\"") else { return nil }
        let range = string
        step()
        return range
    }

    /// The null at hand, passed: true; false (nothing read) for anything else.
    @inlinable public mutating func nextNull() -> Bool {
        guard type == UInt8(ascii: "n") else { return false }
        step()
        return true
    }

    /// A string of the tape as a `String` (the usual Kubernetes words are shared, not built).
    public func text(_ range: Range<Int>) -> String {
        let base = strings + range.lowerBound
        if let known = JSONKnownStrings.lookup(base, range.count) { return known }
        return String(decoding: UnsafeBufferPointer(start: base, count: range.count), as: UTF8.self)
    }

    /// Whether a string of the tape (a range `string` gave) is exactly `text`.
    @inlinable public func matches(_ range: Range<Int>, _ text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount && text.isSpelled(by: strings + range.lowerBound)
    }
}

extension JSONTapeReader {
    /// A cursor at this reader's position; `resume(at:)` takes its position back.
    @inlinable public var cursor: JSONTapeCursor { JSONTapeCursor(tape, index: index) }

    @inlinable public mutating func resume(at cursor: JSONTapeCursor) {
        index = cursor.index
    }
}
