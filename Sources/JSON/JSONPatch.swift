/// RFC 6902 JSON Patch: computing one between two documents, writing and reading it, and
/// applying it. kube-apiserver applies a mutating webhook's patch to the object it sent, so the
/// diff must be exact; it need not be minimal.
public enum JSONPatch {
    /// Operations that turn `from` into `to`: per object member `remove`, `add` or a recursive
    /// diff; arrays of equal length element by element, other arrays replaced whole; anything
    /// else that differs replaced. Equal documents give no operations; member order is not
    /// something a patch can express, so a pure reordering gives none either.
    public static func diff(from: JSONValue, to: JSONValue) -> [JSONPatchOperation] {
        var operations: [JSONPatchOperation] = []
        diff(from, to, at: .root, into: &operations)
        return operations
    }

    private static func diff(_ a: JSONValue, _ b: JSONValue, at pointer: JSONPointer, into operations: inout [JSONPatchOperation]) {
        // Unchanged subtrees of an edited copy share storage, so `==` answers them in O(1)
        // and the walk only descends along the edits.
        if a == b { return }
        switch (a, b) {
        case (.object(let left), .object(let right)):
            for member in left.members where right[member.key] == nil {
                operations.append(.remove(path: pointer.appending(member.key)))
            }
            for member in right.members {
                let path = pointer.appending(member.key)
                if let old = left[member.key] {
                    diff(old, member.value, at: path, into: &operations)
                } else {
                    operations.append(.add(path: path, value: member.value))
                }
            }
        case (.array(let left), .array(let right)) where left.count == right.count:
            for index in left.indices {
                diff(left[index], right[index], at: pointer.appending(index: index), into: &operations)
            }
        default:
            // Exact: a number spelled differently is rewritten too, so the result equals `to`.
            if a != b { operations.append(.replace(path: pointer, value: b)) }
        }
    }

    /// The patch as a JSON array, ready for AdmissionResponse `patch` (before base64).
    public static func serialize(_ operations: [JSONPatchOperation]) -> [UInt8] {
        JSONWriter.serialize(.array(operations.map(\.jsonValue)))
    }

    /// Reads a patch document (a JSON array of operation objects).
    public static func operations(from value: JSONValue) throws(JSONPatchError) -> [JSONPatchOperation] {
        guard case .array(let elements) = value else { throw JSONPatchError("a JSON patch is not an array") }
        var operations: [JSONPatchOperation] = []
        operations.reserveCapacity(elements.count)
        for element in elements { operations.append(try JSONPatchOperation(element)) }
        return operations
    }

    /// Applies operations in order (RFC 6902 §3: all or nothing, the input is not changed).
    public static func apply(_ operations: [JSONPatchOperation], to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var result = document
        for operation in operations {
            switch operation {
            case .add(let path, let value):
                try add(value, at: path, in: &result)
            case .remove(let path):
                _ = try remove(at: path, in: &result)
            case .replace(let path, let value):
                try replace(at: path, with: value, in: &result)
            case .move(let from, let path):
                if from == path { continue }
                if path.tokens.count > from.tokens.count, Array(path.tokens.prefix(from.tokens.count)) == from.tokens {
                    throw JSONPatchError("cannot move \(from) into its own child \(path)")
                }
                let value = try remove(at: from, in: &result)
                try add(value, at: path, in: &result)
            case .copy(let from, let path):
                try add(try value(at: from, in: result), at: path, in: &result)
            case .test(let path, let expected):
                guard try value(at: path, in: result).isEquivalent(to: expected) else {
                    throw JSONPatchError("test failed: the value at \(path) differs")
                }
            }
        }
        return result
    }

    /// The value a pointer names.
    public static func value(at pointer: JSONPointer, in document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var current = document
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { throw JSONPatchError("path \(pointer) does not exist") }
                current = next
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), index < elements.count else {
                    throw JSONPatchError("path \(pointer) does not exist")
                }
                current = elements[index]
            default:
                throw JSONPatchError("path \(pointer) does not exist")
            }
        }
        return current
    }

    private static func add(_ value: JSONValue, at pointer: JSONPointer, in document: inout JSONValue) throws(JSONPatchError) {
        guard let last = pointer.tokens.last else {
            document = value
            return
        }
        try withParent(of: pointer, in: &document) { (parent) throws(JSONPatchError) in
            switch parent {
            case .object(var object):
                parent = .null
                object[last] = value
                parent = .object(object)
            case .array(var elements):
                let index: Int
                if last == "-" {
                    index = elements.count
                } else {
                    guard let i = JSONPointer.arrayIndex(last), i <= elements.count else {
                        throw JSONPatchError("cannot add at \(pointer): index out of range")
                    }
                    index = i
                }
                parent = .null
                elements.insert(value, at: index)
                parent = .array(elements)
            default:
                throw JSONPatchError("cannot add at \(pointer): the parent is not an object or array")
            }
        }
    }

    private static func remove(at pointer: JSONPointer, in document: inout JSONValue) throws(JSONPatchError) -> JSONValue {
        guard let last = pointer.tokens.last else { throw JSONPatchError("cannot remove the whole document") }
        var removed = JSONValue.null
        try withParent(of: pointer, in: &document) { (parent) throws(JSONPatchError) in
            switch parent {
            case .object(var object):
                guard let index = object.members.firstIndex(where: { $0.key == last }) else {
                    throw JSONPatchError("cannot remove \(pointer): it does not exist")
                }
                parent = .null
                removed = object.members.remove(at: index).value
                parent = .object(object)
            case .array(var elements):
                guard let index = JSONPointer.arrayIndex(last), index < elements.count else {
                    throw JSONPatchError("cannot remove \(pointer): it does not exist")
                }
                parent = .null
                removed = elements.remove(at: index)
                parent = .array(elements)
            default:
                throw JSONPatchError("cannot remove \(pointer): it does not exist")
            }
        }
        return removed
    }

    private static func replace(at pointer: JSONPointer, with value: JSONValue, in document: inout JSONValue) throws(JSONPatchError) {
        guard let last = pointer.tokens.last else {
            document = value
            return
        }
        try withParent(of: pointer, in: &document) { (parent) throws(JSONPatchError) in
            switch parent {
            case .object(var object):
                guard let index = object.members.firstIndex(where: { $0.key == last }) else {
                    throw JSONPatchError("cannot replace \(pointer): it does not exist")
                }
                parent = .null
                object.members[index].value = value
                parent = .object(object)
            case .array(var elements):
                guard let index = JSONPointer.arrayIndex(last), index < elements.count else {
                    throw JSONPatchError("cannot replace \(pointer): it does not exist")
                }
                parent = .null
                elements[index] = value
                parent = .array(elements)
            default:
                throw JSONPatchError("cannot replace \(pointer): it does not exist")
            }
        }
    }

    /// Runs `body` on the container that holds the pointer's last token, in place (the value is
    /// taken out of its parent while it changes, so storage is not copied).
    private static func withParent(
        of pointer: JSONPointer, in document: inout JSONValue,
        _ body: (inout JSONValue) throws(JSONPatchError) -> Void
    ) throws(JSONPatchError) {
        try descend(pointer.tokens.dropLast(), pointer: pointer, in: &document, body)
    }

    private static func descend(
        _ tokens: ArraySlice<String>, pointer: JSONPointer, in value: inout JSONValue,
        _ body: (inout JSONValue) throws(JSONPatchError) -> Void
    ) throws(JSONPatchError) {
        guard let token = tokens.first else {
            try body(&value)
            return
        }
        switch value {
        case .object(var object):
            guard let index = object.members.firstIndex(where: { $0.key == token }) else {
                throw JSONPatchError("path \(pointer) does not exist")
            }
            value = .null
            defer { value = .object(object) }
            try descend(tokens.dropFirst(), pointer: pointer, in: &object.members[index].value, body)
        case .array(var elements):
            guard let index = JSONPointer.arrayIndex(token), index < elements.count else {
                throw JSONPatchError("path \(pointer) does not exist")
            }
            value = .null
            defer { value = .array(elements) }
            try descend(tokens.dropFirst(), pointer: pointer, in: &elements[index], body)
        default:
            throw JSONPatchError("path \(pointer) does not exist")
        }
    }
}
