/// Builds a `JSONValue` from bytes for `JSONParser`. The elements and members of the containers
/// that are still open wait on two scratch stacks; when a container closes its elements are moved
/// (not copied, so nothing is retained or released) into an array of exactly their count. That
/// makes one allocation per array or object and none for growth.
struct JSONDocumentBuilder: ~Copyable {
    private var scanner: JSONScanner
    private let maxDepth: Int
    private var values: UnsafeMutablePointer<JSONValue>
    private var valueCount = 0
    private var valueCapacity: Int
    private var members: UnsafeMutablePointer<JSONMember>
    private var memberCount = 0
    private var memberCapacity: Int
    /// Reused for strings with escapes.
    private var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        scanner = JSONScanner(base: base, count: count)
        self.maxDepth = maxDepth
        valueCapacity = 16
        values = UnsafeMutablePointer<JSONValue>.allocate(capacity: valueCapacity)
        memberCapacity = 16
        members = UnsafeMutablePointer<JSONMember>.allocate(capacity: memberCapacity)
    }

    deinit {
        // Left over only when an error ended the parse.
        values.deinitialize(count: valueCount)
        values.deallocate()
        members.deinitialize(count: memberCount)
        members.deallocate()
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        let value = try parseValue(depth: 0)
        scanner.skipWhitespace()
        if !scanner.isAtEnd { throw JSONError(.trailingData, at: scanner.index) }
        return value
    }

    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        switch try scanner.nextSignificantByte() {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
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
            let range = try scanner.scanNumber()
            return .number(String(decoding: UnsafeBufferPointer(start: scanner.base + range.lowerBound, count: range.count), as: UTF8.self))
        default:
            throw JSONError(.unexpectedCharacter, at: scanner.index)
        }
    }

    @inline(__always) private mutating func parseString() throws(JSONError) -> String {
        let span = try scanner.scanString()
        return scanner.string(span, scratch: &scratch)
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        if depth > maxDepth { throw JSONError(.tooDeep, at: scanner.index) }
        scanner.index += 1  // {
        if try scanner.nextSignificantByte() == UInt8(ascii: "}") {
            scanner.index += 1
            return .object(JSONObject())
        }
        let first = memberCount
        while true {
            guard try scanner.nextSignificantByte() == UInt8(ascii: "\"") else {
                throw JSONError(.unexpectedCharacter, at: scanner.index)
            }
            let key = try parseString()
            guard try scanner.nextSignificantByte() == UInt8(ascii: ":") else {
                throw JSONError(.unexpectedCharacter, at: scanner.index)
            }
            scanner.index += 1
            let value = try parseValue(depth: depth)
            pushMember(JSONMember(key: key, value: value))
            switch try scanner.nextSignificantByte() {
            case UInt8(ascii: ","):
                scanner.index += 1
            case UInt8(ascii: "}"):
                scanner.index += 1
                return .object(JSONObject(popMembers(from: first)))
            default:
                throw JSONError(.unexpectedCharacter, at: scanner.index)
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        if depth > maxDepth { throw JSONError(.tooDeep, at: scanner.index) }
        scanner.index += 1  // [
        if try scanner.nextSignificantByte() == UInt8(ascii: "]") {
            scanner.index += 1
            return .array([])
        }
        let first = valueCount
        while true {
            pushValue(try parseValue(depth: depth))
            switch try scanner.nextSignificantByte() {
            case UInt8(ascii: ","):
                scanner.index += 1
            case UInt8(ascii: "]"):
                scanner.index += 1
                return .array(popValues(from: first))
            default:
                throw JSONError(.unexpectedCharacter, at: scanner.index)
            }
        }
    }

    // MARK: scratch stacks

    @inline(__always) private mutating func pushValue(_ value: JSONValue) {
        if valueCount == valueCapacity { growValues() }
        (values + valueCount).initialize(to: value)
        valueCount += 1
    }

    @inline(__always) private mutating func pushMember(_ member: JSONMember) {
        if memberCount == memberCapacity { growMembers() }
        (members + memberCount).initialize(to: member)
        memberCount += 1
    }

    private mutating func growValues() {
        let capacity = valueCapacity * 2
        let grown = UnsafeMutablePointer<JSONValue>.allocate(capacity: capacity)
        grown.moveInitialize(from: values, count: valueCount)
        values.deallocate()
        values = grown
        valueCapacity = capacity
    }

    private mutating func growMembers() {
        let capacity = memberCapacity * 2
        let grown = UnsafeMutablePointer<JSONMember>.allocate(capacity: capacity)
        grown.moveInitialize(from: members, count: memberCount)
        members.deallocate()
        members = grown
        memberCapacity = capacity
    }

    private mutating func popValues(from first: Int) -> [JSONValue] {
        let count = valueCount - first
        let source = values + first
        valueCount = first
        // reserveCapacity + append are specialized for the element type; building with
        // unsafeUninitializedCapacity goes through the generic runtime path (a metadata lookup).
        var array: [JSONValue] = []
        array.reserveCapacity(count)
        for i in 0..<count { array.append((source + i).move()) }
        return array
    }

    private mutating func popMembers(from first: Int) -> [JSONMember] {
        let count = memberCount - first
        let source = members + first
        memberCount = first
        var array: [JSONMember] = []
        array.reserveCapacity(count)
        for i in 0..<count { array.append((source + i).move()) }
        return array
    }
}
