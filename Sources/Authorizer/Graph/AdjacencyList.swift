/// The neighbours of one vertex in one direction, as a set of vertex ids.
///
/// Most vertices have one edge (a shoot's implicit secrets point at the shoot), so the first id is
/// stored inline and costs no allocation. Past `hashThreshold` ids a position table makes
/// membership and removal O(1): a CloudProfile used by 100,000 shoots must not cost a linear scan
/// per shoot update.
struct AdjacencyList: Sendable {
    static let none: Int32 = -1
    /// Above this many ids the list keeps an id → position table.
    static let hashThreshold = 32

    private(set) var first: Int32 = AdjacencyList.none
    private(set) var more: [Int32] = []
    private var positions: [Int32: Int32]?

    var count: Int { first == Self.none ? 0 : 1 + more.count }
    var isEmpty: Bool { first == Self.none }

    func contains(_ id: Int32) -> Bool {
        if first == id { return true }
        if first == Self.none { return false }
        if let positions { return positions[id] != nil }
        return more.contains(id)
    }

    /// Inserts `id`; returns false when it was already there (edges are a set, as in gonum's simple graph).
    @discardableResult
    mutating func insert(_ id: Int32) -> Bool {
        if contains(id) { return false }
        if first == Self.none {
            first = id
            return true
        }
        more.append(id)
        if positions != nil {
            positions?[id] = Int32(more.count - 1)
        } else if more.count > Self.hashThreshold {
            var table: [Int32: Int32] = [:]
            table.reserveCapacity(more.count * 2)
            for (index, value) in more.enumerated() { table[value] = Int32(index) }
            positions = table
        }
        return true
    }

    /// Removes `id`; returns false when it was not there.
    @discardableResult
    mutating func remove(_ id: Int32) -> Bool {
        if first == id {
            if let last = more.popLast() {
                positions?[last] = nil
                first = last
            } else {
                first = Self.none
            }
            shrinkIfSmall()
            return true
        }
        guard first != Self.none else { return false }
        let index: Int
        if let positions {
            guard let found = positions[id] else { return false }
            index = Int(found)
        } else {
            guard let found = more.firstIndex(of: id) else { return false }
            index = found
        }
        let last = more.removeLast()
        positions?[id] = nil
        if index < more.count {
            more[index] = last
            positions?[last] = Int32(index)
        }
        shrinkIfSmall()
        return true
    }

    private mutating func shrinkIfSmall() {
        if positions != nil, more.count < Self.hashThreshold / 2 { positions = nil }
        if more.isEmpty, more.capacity > 0 { more = [] }
    }

    /// Calls `body` for each id; stops early when it returns false.
    @inline(__always)
    func forEach(_ body: (Int32) throws -> Void) rethrows {
        if first == Self.none { return }
        try body(first)
        for id in more { try body(id) }
    }

    /// The ids as an array (copies; for mutation while iterating).
    var ids: [Int32] {
        if first == Self.none { return [] }
        var result = [first]
        result.append(contentsOf: more)
        return result
    }
}
