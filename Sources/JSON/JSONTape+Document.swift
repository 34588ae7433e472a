extension JSONTapeReader {
    /// Reads the value here and tells whether it is `value`: the same shape, member names in the
    /// same order, the same strings (compared as bytes, as Go compares them) and booleans, and
    /// numbers of the same value (a tape keeps numbers parsed, a `JSONValue` keeps their text).
    /// What the tests and the fuzz harness check a tape against the parser with.
    mutating func reads(_ value: JSONValue) -> Bool {
        guard index < tape.count - 1 else { return false }
        let word = self.word
        switch (UInt8(truncatingIfNeeded: word >> 56), value) {
        case (UInt8(ascii: "n"), .null):
            index += 1
            return true
        case (UInt8(ascii: "t"), .bool(true)), (UInt8(ascii: "f"), .bool(false)):
            index += 1
            return true
        case (UInt8(ascii: "\""), .string(let text)):
            index += 1
            let span = span(of: word)
            return Array(bytes(span.start..<span.end)) == Array(text.utf8)
        case (UInt8(ascii: "l"), .number(let text)):
            let number = Int64(bitPattern: tape.words[index + 1])
            index += 2
            return Int64(text) == number || Double(text) == Double(number)
        case (UInt8(ascii: "u"), .number(let text)):
            let number = tape.words[index + 1]
            index += 2
            return UInt64(text) == number || Double(text) == Double(number)
        case (UInt8(ascii: "d"), .number(let text)):
            let number = Double(bitPattern: tape.words[index + 1])
            index += 2
            return Double(text) == number
        case (UInt8(ascii: "["), .array(let elements)):
            index += 1
            for element in elements where !reads(element) { return false }
            guard index < tape.count - 1, type == UInt8(ascii: "]") else { return false }
            index += 1
            return true
        case (UInt8(ascii: "{"), .object(let object)):
            index += 1
            for member in object.members {
                guard index < tape.count - 1, type == UInt8(ascii: "\"") else { return false }
                let name = span(of: self.word)
                index += 1
                guard Array(bytes(name.start..<name.end)) == Array(member.key.utf8), reads(member.value) else { return false }
            }
            guard index < tape.count - 1, type == UInt8(ascii: "}") else { return false }
            index += 1
            return true
        default:
            return false
        }
    }
}

extension JSONTape {
    /// Whether this tape is `value`, whole (`JSONTapeReader.reads`).
    func isDocument(_ value: JSONValue) -> Bool {
        var reader = self.reader
        return reader.reads(value) && reader.index == count - 1
    }
}
