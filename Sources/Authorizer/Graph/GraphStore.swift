/// The resource graph's data: vertices interned to integer ids, adjacency in both directions, and
/// the destination index of high fan-out vertices.
///
/// Every method assumes that the caller holds `ResourceGraph`'s lock (write lock for mutations,
/// read or write lock for queries). The primitives reproduce gonum's `simple.DirectedGraph` as
/// Gardener uses it (`pkg/utils/graph/graph.go`): edges form a set, a removed vertex takes its edges
/// with it, and the neighbour clean-up rules of `deleteVertex`, `deleteAllIncomingEdges` and
/// `deleteAllOutgoingEdges` are the same.
final class GraphStore {
    /// A vertex key with its namespace interned.
    struct Key: Hashable {
        var name: String
        var namespace: Int32
        var kind: UInt8
    }

    /// Vertices with at least this many outgoing edges keep a destination index. 200 is the Node
    /// authorizer's experimentally found value; the benchmark (`seed-webhooks-bench authorizer`)
    /// measures high fan-out checks with it.
    static let indexThreshold = 200
    /// An index is dropped only below half the threshold, so a vertex near it does not flap.
    static let indexDropThreshold = 100

    private(set) var kinds: [VertexKind] = []
    private(set) var namespaceIDs: [Int32] = []
    private(set) var names: [String] = []
    private(set) var outs: [AdjacencyList] = []
    private(set) var ins: [AdjacencyList] = []
    /// Per vertex: how many outgoing edges lead to something other than a Seed.
    private var nonSeedOut: [Int32] = []
    private var alive: [Bool] = []
    private var freeIDs: [Int32] = []
    private var ids: [Key: Int32] = [:]
    /// Removed vertices whose key still maps to their id until `purgeTombstones()`: a handler that
    /// removes a shoot's implicit secrets and adds them again (every Shoot update) revives them
    /// instead of deleting and re-inserting their keys.
    private var tombstones: [Int32] = []
    private var isTombstoned: [Bool] = []

    private var namespaceTable: [String: Int32] = ["": 0]
    private(set) var namespaceNames: [String] = [""]

    /// Destination indexes by vertex id (only for high fan-out vertices).
    private(set) var destinations: [Int32: DestinationIndex] = [:]

    private(set) var vertexCount = 0
    private(set) var edgeCount = 0

    // MARK: Lookup

    func namespaceID(_ namespace: String) -> Int32? { namespaceTable[namespace] }

    func vertexID(_ kind: VertexKind, _ namespace: String, _ name: String) -> Int32? {
        guard let ns = namespaceTable[namespace], let id = ids[Key(name: name, namespace: ns, kind: kind.rawValue)],
              alive[Int(id)] else { return nil }
        return id
    }

    func vertexName(_ id: Int32) -> VertexName {
        let index = Int(id)
        return VertexName(kinds[index], namespaceNames[Int(namespaceIDs[index])], names[index])
    }

    func isAlive(_ id: Int32) -> Bool { id >= 0 && Int(id) < alive.count && alive[Int(id)] }

    /// Every live vertex id.
    var allIDs: [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(vertexCount)
        for (index, isAlive) in alive.enumerated() where isAlive { result.append(Int32(index)) }
        return result
    }

    // MARK: Vertices

    func getOrCreateVertex(_ kind: VertexKind, _ namespace: String, _ name: String) -> Int32 {
        let ns = internNamespace(namespace)
        let key = Key(name: name, namespace: ns, kind: kind.rawValue)
        if let id = ids[key] {
            if !alive[Int(id)] {
                alive[Int(id)] = true
                vertexCount += 1
            }
            return id
        }
        let id: Int32
        if let reused = freeIDs.popLast() {
            id = reused
            let index = Int(id)
            kinds[index] = kind
            namespaceIDs[index] = ns
            names[index] = name
            outs[index] = AdjacencyList()
            ins[index] = AdjacencyList()
            nonSeedOut[index] = 0
            alive[index] = true
        } else {
            id = Int32(kinds.count)
            kinds.append(kind)
            namespaceIDs.append(ns)
            names.append(name)
            outs.append(AdjacencyList())
            ins.append(AdjacencyList())
            nonSeedOut.append(0)
            alive.append(true)
            isTombstoned.append(false)
        }
        ids[key] = id
        vertexCount += 1
        return id
    }

    private func internNamespace(_ namespace: String) -> Int32 {
        if let id = namespaceTable[namespace] { return id }
        let id = Int32(namespaceNames.count)
        namespaceNames.append(namespace)
        namespaceTable[namespace] = id
        return id
    }

    /// Removes a vertex and all its edges (gonum `RemoveNode`). Idempotent. The key stays
    /// interned as a tombstone until `purgeTombstones()`.
    func removeVertexLocked(_ id: Int32) {
        guard isAlive(id) else { return }
        let index = Int(id)
        for target in outs[index].ids { removeEdgeLocked(id, target) }
        for source in ins[index].ids { removeEdgeLocked(source, id) }
        destinations[id] = nil
        alive[index] = false
        outs[index] = AdjacencyList()
        ins[index] = AdjacencyList()
        nonSeedOut[index] = 0
        if !isTombstoned[index] {
            isTombstoned[index] = true
            tombstones.append(id)
        }
        vertexCount -= 1
    }

    /// Forgets the keys of vertices that stayed removed; their ids become free for reuse.
    func purgeTombstones() {
        for id in tombstones {
            let index = Int(id)
            isTombstoned[index] = false
            guard !alive[index] else { continue }
            ids[Key(name: names[index], namespace: namespaceIDs[index], kind: kinds[index].rawValue)] = nil
            names[index] = ""
            freeIDs.append(id)
        }
        tombstones.removeAll(keepingCapacity: true)
    }

    /// Gardener's `deleteVertex`: removes the vertex, plus each out-neighbour that has no other
    /// edges than the one from it, and each in-neighbour that has no other edges than the one to it.
    func deleteVertex(_ kind: VertexKind, _ namespace: String, _ name: String) {
        guard let id = vertexID(kind, namespace, name) else { return }
        var toRemove = [id]
        outs[Int(id)].forEach { neighbour in
            if outs[Int(neighbour)].isEmpty && ins[Int(neighbour)].count == 1 { toRemove.append(neighbour) }
        }
        ins[Int(id)].forEach { neighbour in
            if ins[Int(neighbour)].isEmpty && outs[Int(neighbour)].count == 1 { toRemove.append(neighbour) }
        }
        for vertex in toRemove { removeVertexLocked(vertex) }
    }

    func deleteVertexIfIsolated(_ id: Int32) {
        if isAlive(id), outs[Int(id)].isEmpty, ins[Int(id)].isEmpty { removeVertexLocked(id) }
    }

    /// Gardener's `deleteAllIncomingEdges`: drops the edges from vertices of `fromKind` into the
    /// vertex; a source left without other edges goes too, and so does the vertex when isolated.
    func deleteAllIncomingEdges(from fromKind: VertexKind, to toKind: VertexKind, _ namespace: String, _ name: String) {
        guard let to = vertexID(toKind, namespace, name) else { return }
        var verticesToRemove: [Int32] = []
        var edgesToRemove: [Int32] = []
        ins[Int(to)].forEach { source in
            guard kinds[Int(source)] == fromKind else { return }
            if ins[Int(source)].isEmpty && outs[Int(source)].count == 1 {
                verticesToRemove.append(source)
            } else {
                edgesToRemove.append(source)
            }
        }
        for vertex in verticesToRemove { removeVertexLocked(vertex) }
        for source in edgesToRemove { removeEdgeLocked(source, to) }
        deleteVertexIfIsolated(to)
    }

    /// Gardener's `deleteAllOutgoingEdges`: drops the edges from the vertex to vertices of `toKind`;
    /// a target left without other edges goes too, and so does the vertex when isolated.
    func deleteAllOutgoingEdges(from fromKind: VertexKind, _ namespace: String, _ name: String, to toKind: VertexKind) {
        guard let from = vertexID(fromKind, namespace, name) else { return }
        var verticesToRemove: [Int32] = []
        var edgesToRemove: [Int32] = []
        outs[Int(from)].forEach { target in
            guard kinds[Int(target)] == toKind else { return }
            if outs[Int(target)].isEmpty && ins[Int(target)].count == 1 {
                verticesToRemove.append(target)
            } else {
                edgesToRemove.append(target)
            }
        }
        for vertex in verticesToRemove { removeVertexLocked(vertex) }
        for target in edgesToRemove { removeEdgeLocked(from, target) }
        deleteVertexIfIsolated(from)
    }

    // MARK: Edges

    /// The only place edges are created. Keeps the destination indexes of the source and of the
    /// source's indexed in-neighbours up to date.
    func addEdgeLocked(_ from: Int32, _ to: Int32) {
        let f = Int(from), t = Int(to)
        guard outs[f].insert(to) else { return }
        ins[t].insert(from)
        edgeCount += 1
        let targetIsSeed = kinds[t] == .seed
        if !targetIsSeed { nonSeedOut[f] += 1 }

        if let index = destinations[from] { index.add(contributionOf: to, in: self, sign: 1) }
        if kinds[f] == .seed {
            if outs[f].count == 1 { seedOpennessChanged(from, open: true) }
        } else if !ins[f].isEmpty && !destinations.isEmpty {
            ins[f].forEach { source in
                guard let index = destinations[source] else { return }
                if targetIsSeed {
                    index.bump(seed: to, by: 1, in: self)
                } else if nonSeedOut[f] == 1 {
                    index.openNeighbours.insert(from)
                }
            }
        }
        if destinations[from] == nil, outs[f].count >= Self.indexThreshold { buildIndex(from) }
    }

    /// The only place edges are removed (vertex removal goes through here too).
    func removeEdgeLocked(_ from: Int32, _ to: Int32) {
        let f = Int(from), t = Int(to)
        if let index = destinations[from], outs[f].contains(to) {
            index.add(contributionOf: to, in: self, sign: -1)
        }
        guard outs[f].remove(to) else { return }
        ins[t].remove(from)
        edgeCount -= 1
        let targetIsSeed = kinds[t] == .seed
        if !targetIsSeed { nonSeedOut[f] -= 1 }

        if kinds[f] == .seed {
            if outs[f].isEmpty { seedOpennessChanged(from, open: false) }
        } else if !ins[f].isEmpty && !destinations.isEmpty {
            ins[f].forEach { source in
                guard let index = destinations[source] else { return }
                if targetIsSeed {
                    index.bump(seed: to, by: -1, in: self)
                } else if nonSeedOut[f] == 0 {
                    index.openNeighbours.remove(from)
                }
            }
        }
        if destinations[from] != nil, outs[f].count < Self.indexDropThreshold { destinations[from] = nil }
    }

    func hasEdge(_ from: Int32, _ to: Int32) -> Bool { outs[Int(from)].contains(to) }

    // MARK: Destination index

    /// A non-seed vertex is "open" when it leads somewhere other than a Seed, so a walk must visit it.
    func isOpen(_ id: Int32) -> Bool { nonSeedOut[Int(id)] > 0 }

    private func buildIndex(_ id: Int32) {
        let index = DestinationIndex()
        outs[Int(id)].forEach { neighbour in index.add(contributionOf: neighbour, in: self, sign: 1) }
        destinations[id] = index
    }

    /// A Seed gained its first or lost its last outgoing edge (to its ManagedSeed): every index
    /// that reaches it must start or stop walking on from it.
    private func seedOpennessChanged(_ seed: Int32, open: Bool) {
        for (_, index) in destinations where index.seedCounts[seed] != nil {
            if open { index.openSeeds.insert(seed) } else { index.openSeeds.remove(seed) }
        }
    }
}
