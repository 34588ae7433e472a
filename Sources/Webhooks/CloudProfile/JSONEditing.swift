import JSON

/// Small in-place edits of JSON documents for the mutating webhooks.
extension JSONValue {
    /// Runs `body` on the value at `keys` (objects all the way), if it exists.
    mutating func edit(_ keys: String..., body: (inout JSONValue) -> Void) {
        edit(keys[...], body)
    }

    private mutating func edit(_ keys: ArraySlice<String>, _ body: (inout JSONValue) -> Void) {
        guard let key = keys.first else { return body(&self) }
        guard case .object(var object) = self, let index = object.members.firstIndex(where: { $0.key == key }) else { return }
        self = .null  // release the enum's reference so the object below is uniquely referenced
        object.members[index].value.edit(keys.dropFirst(), body)
        self = .object(object)
    }

    /// Runs `body` on each element of an array, with its index.
    mutating func editElements(_ body: (Int, inout JSONValue) -> Void) {
        guard case .array(var elements) = self else { return }
        self = .null
        for index in elements.indices { body(index, &elements[index]) }
        self = .array(elements)
    }

    /// Removes the elements at `indices` from an array.
    mutating func removeElements(at indices: Set<Int>) {
        guard !indices.isEmpty, case .array(let elements) = self else { return }
        self = .array(elements.enumerated().filter { !indices.contains($0.offset) }.map(\.element))
    }
}
