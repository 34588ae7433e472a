import JSON

/// Helpers shared by the harnesses.
enum FuzzSupport {
    /// The document read through `JSONReader` token by token, or nil when the reader rejects it.
    static func readAll(_ input: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var reader = JSONReader(input)
        do {
            guard let first = try reader.next() else { return nil }
            let value = try build(first, &reader)
            guard try reader.next() == nil else { return nil }
            return value
        } catch {
            return nil
        }
    }

    /// Where reading the input ends: the offset after the document, or the reader's error. `skip`
    /// reads the whole document with one `skipValue`, and an object's members with `nextKey` and
    /// an array's elements with `hasNextElement`, each skipped; otherwise every token is read.
    static func outcome(_ input: UnsafeBufferPointer<UInt8>, skip: Bool, byMembers: Bool = false) -> Result<Int, JSONError> {
        var reader = JSONReader(input)
        do throws(JSONError) {
            if byMembers {
                let mark = reader
                switch try reader.next() {
                case .objectStart?: while try reader.nextKey() != nil { try reader.skipValue() }
                case .arrayStart?: while try reader.hasNextElement() { try reader.skipValue() }
                default: reader = mark; try reader.skipValue()
                }
            } else if skip {
                try reader.skipValue()
            } else {
                repeat {
                    guard try reader.next() != nil else { throw JSONError(.unexpectedEnd, at: reader.offset) }
                } while reader.depth > 0
            }
            guard try reader.next() == nil else { return .failure(JSONError(.trailingData, at: reader.offset)) }
            return .success(reader.offset)
        } catch {
            return .failure(error)
        }
    }

    private static func build(_ token: JSONReader.Token, _ reader: inout JSONReader) throws -> JSONValue {
        switch token {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let range): return .number(reader.numberText(range))
        case .string(let span): return .string(reader.string(span))
        case .arrayStart:
            var elements: [JSONValue] = []
            while let next = try reader.next(), next != .arrayEnd { elements.append(try build(next, &reader)) }
            return .array(elements)
        case .objectStart:
            var members: [JSONMember] = []
            while case .key(let key)? = try reader.next() {
                guard let next = try reader.next() else { throw JSONError(.unexpectedEnd, at: reader.offset) }
                members.append(JSONMember(key: reader.string(key), value: try build(next, &reader)))
            }
            return .object(JSONObject(members))
        case .key, .objectEnd, .arrayEnd:
            throw JSONError(.unexpectedCharacter, at: reader.offset)
        }
    }
}

extension FuzzSupport {
    /// Same structure and member order; numbers equal by value.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number, .number): return a.isEquivalent(to: b)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x.members, y.members).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
        default:
            return a == b
        }
    }

    /// What applying diff(from, to) to `from` gives: `to`, with members present in both kept at
    /// their place in `from` and new members after them.
    static func expectedPatchResult(_ from: JSONValue, _ to: JSONValue) -> JSONValue {
        switch (from, to) {
        case (.object(let a), .object(let b)):
            var members: [JSONMember] = []
            for member in a.members {
                if let target = b[member.key] {
                    members.append(JSONMember(key: member.key, value: expectedPatchResult(member.value, target)))
                }
            }
            for member in b.members where a[member.key] == nil { members.append(member) }
            return .object(JSONObject(members))
        case (.array(let a), .array(let b)) where a.count == b.count:
            return .array(zip(a, b).map { expectedPatchResult($0, $1) })
        default:
            return to
        }
    }
}

extension FuzzSupport {
    /// Whether some object repeats a member name (JSON allows it; a patch cannot address both).
    static func hasDuplicateKeys(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let elements): return elements.contains(where: hasDuplicateKeys)
        case .object(let object):
            return Set(object.keys).count != object.count || object.members.contains { hasDuplicateKeys($0.value) }
        default: return false
        }
    }
}
