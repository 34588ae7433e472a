extension JSONValue {
    /// Equality as JSON defines it (RFC 6902 §4.6 "test"): object members compared by key
    /// regardless of order, numbers by numeric value. `==` stays exact (order and number text),
    /// which is what byte-for-byte output needs.
    public func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)):
            if a == b { return true }
            if let x = Int64(a), let y = Int64(b) { return x == y }
            if Int64(a) == nil || Int64(b) == nil, let x = Double(a), let y = Double(b) { return x == y }
            return false
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for i in a.indices where !a[i].isEquivalent(to: b[i]) { return false }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for member in a.members {
                guard let value = b[member.key], member.value.isEquivalent(to: value) else { return false }
            }
            return true
        default:
            return false
        }
    }
}
