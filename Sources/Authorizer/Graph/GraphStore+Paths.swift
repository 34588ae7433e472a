extension GraphStore {
    /// Gardener's `HasPathFrom`: a depth-first walk from `from`; a vertex reaches itself. Into a
    /// Seed the walk uses the destination index of high fan-out vertices.
    func hasPath(from: Int32, to: Int32) -> Bool {
        if from == to { return true }
        let useIndex = kinds[Int(to)] == .seed && !destinations.isEmpty
        var visited = VisitedSet()
        _ = visited.insert(from)
        var stack: [Int32] = [from]
        while let vertex = stack.popLast() {
            if useIndex, let index = destinations[vertex] {
                if index.seedCounts[to] != nil { return true }
                for neighbour in index.openNeighbours where visited.insert(neighbour) { stack.append(neighbour) }
                for seed in index.openSeeds where visited.insert(seed) { stack.append(seed) }
                continue
            }
            var found = false
            outs[Int(vertex)].forEach { neighbour in
                if neighbour == to { found = true }
                if visited.insert(neighbour) { stack.append(neighbour) }
            }
            if found { return true }
        }
        return false
    }

    /// The shortest path of vertices from `from` to `to` (breadth-first, without the index), for
    /// explaining a decision. Nil when there is none.
    func path(from: Int32, to: Int32) -> [Int32]? {
        path(from: from) { $0 == to }
    }

    /// The shortest path from `from` to the nearest vertex for which `isTarget` holds.
    func path(from: Int32, where isTarget: (Int32) -> Bool) -> [Int32]? {
        if isTarget(from) { return [from] }
        var parent: [Int32: Int32] = [from: from]
        var queue: [Int32] = [from]
        var head = 0
        while head < queue.count {
            let vertex = queue[head]
            head += 1
            var reached: Int32?
            outs[Int(vertex)].forEach { neighbour in
                guard reached == nil, parent[neighbour] == nil else { return }
                parent[neighbour] = vertex
                if isTarget(neighbour) { reached = neighbour } else { queue.append(neighbour) }
            }
            if let reached {
                var result: [Int32] = [reached]
                var current = reached
                while let previous = parent[current], previous != current {
                    result.append(previous)
                    current = previous
                }
                return result.reversed()
            }
        }
        return nil
    }
}

/// The vertices a walk has seen: a short inline list first (most walks touch a handful of
/// vertices), a hash set past that.
struct VisitedSet {
    private var small: [Int32] = []
    private var large: Set<Int32>?

    init() { small.reserveCapacity(16) }

    /// Inserts `id`; true when it was not there yet.
    @inline(__always)
    mutating func insert(_ id: Int32) -> Bool {
        if large != nil { return large?.insert(id).inserted ?? false }
        if small.contains(id) { return false }
        small.append(id)
        if small.count > 32 { large = Set(small) }
        return true
    }
}
