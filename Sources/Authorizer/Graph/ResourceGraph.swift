/// The resource dependency graph of the Seed Authorizer (Gardener `pkg/utils/graph`): which
/// objects are related to which Seed. Safe to use from any thread: path checks share a read lock,
/// updates take the write lock per batch, so a reader waits at most for one batch.
public final class ResourceGraph: @unchecked Sendable {
    // `store` is only touched inside `lock` (read lock for queries, write lock for updates).
    private let lock = ReadWriteLock()
    private let store = GraphStore()
    private let observer: GraphObserver?

    public init(observer: GraphObserver? = nil) {
        self.observer = observer
    }

    /// Applies `events` in order under one write lock (readers see all of them or none).
    public func apply<Events: Sequence>(_ events: Events) where Events.Element == GraphEvent {
        let size: (Int, Int) = lock.withWriteLock {
            for event in events {
                let start = observer == nil ? 0 : MonotonicClock.nanoseconds()
                let operation = store.apply(event)
                if let observer, let operation {
                    let seconds = Double(MonotonicClock.nanoseconds() &- start) / 1e9
                    observer.graphUpdated(kind: event.objectKind, operation: operation, seconds: seconds)
                }
            }
            store.purgeTombstones()
            return (store.vertexCount, store.edgeCount)
        }
        observer?.graphSize(vertices: size.0, edges: size.1)
    }

    public func apply(_ event: GraphEvent) { apply(CollectionOfOne(event)) }

    public func hasVertex(_ vertex: VertexName) -> Bool {
        lock.withReadLock { store.vertexID(vertex.kind, vertex.namespace, vertex.name) != nil }
    }

    /// Gardener's `HasPathFrom`: false when either vertex is missing; a vertex reaches itself.
    public func hasPath(from: VertexName, to: VertexName) -> Bool {
        let start = observer == nil ? 0 : MonotonicClock.nanoseconds()
        let found = lock.withReadLock { () -> Bool in
            guard let source = store.vertexID(from.kind, from.namespace, from.name),
                  let target = store.vertexID(to.kind, to.namespace, to.name) else { return false }
            return store.hasPath(from: source, to: target)
        }
        if let observer {
            observer.pathChecked(fromKind: from.kind, toKind: to.kind,
                                 seconds: Double(MonotonicClock.nanoseconds() &- start) / 1e9)
        }
        return found
    }

    /// A shortest path from `from` to `to`, for explanations; nil when there is none.
    public func path(from: VertexName, to: VertexName) -> [VertexName]? {
        lock.withReadLock {
            guard let source = store.vertexID(from.kind, from.namespace, from.name),
                  let target = store.vertexID(to.kind, to.namespace, to.name),
                  let ids = store.path(from: source, to: target) else { return nil }
            return ids.map(store.vertexName)
        }
    }

    /// A shortest path from `from` to Seed `seed`, or to the nearest Seed when `seed` is nil.
    public func path(from: VertexName, toSeed seed: String?) -> [VertexName]? {
        if let seed { return path(from: from, to: VertexName(.seed, "", seed)) }
        return lock.withReadLock {
            guard let source = store.vertexID(from.kind, from.namespace, from.name),
                  let ids = store.path(from: source, where: { store.kinds[Int($0)] == .seed }) else { return nil }
            return ids.map(store.vertexName)
        }
    }

    public var vertexCount: Int { lock.withReadLock { store.vertexCount } }
    public var edgeCount: Int { lock.withReadLock { store.edgeCount } }

    /// Every edge as `"From -> To"` (vertex descriptions), sorted.
    public func edgeDescriptions() -> [String] {
        lock.withReadLock {
            var result: [String] = []
            for id in store.allIDs {
                let from = store.vertexName(id).description
                store.outs[Int(id)].forEach { result.append("\(from) -> \(store.vertexName($0))") }
            }
            return result.sorted()
        }
    }

    /// Every vertex, sorted by description.
    public func vertices() -> [VertexName] {
        lock.withReadLock { store.allIDs.map(store.vertexName) }.sorted { $0.description < $1.description }
    }

    /// The vertices matching `kind`/`namespace`/`name` (nil matches anything) with their direct
    /// edges, at most `limit` vertices, for the debug handler.
    public func neighbourhood(kind: VertexKind?, namespace: String?, name: String?, limit: Int) -> GraphNeighbourhood {
        lock.withReadLock {
            var result = GraphNeighbourhood()
            var included = Set<Int32>()
            var matched: [Int32] = []
            if let kind, let namespace, let name {
                if let id = store.vertexID(kind, namespace, name) { matched = [id] }
            } else {
                for id in store.allIDs {
                    let vertex = store.vertexName(id)
                    if let kind, vertex.kind != kind { continue }
                    if let namespace, vertex.namespace != namespace { continue }
                    if let name, vertex.name != name { continue }
                    matched.append(id)
                    if matched.count >= limit {
                        result.truncated = true
                        break
                    }
                }
            }
            for id in matched {
                included.insert(id)
                store.outs[Int(id)].forEach { included.insert($0) }
                store.ins[Int(id)].forEach { included.insert($0) }
            }
            for id in included {
                let from = store.vertexName(id)
                result.vertices.append(from)
                store.outs[Int(id)].forEach { target in
                    if included.contains(target) { result.edges.append((from, store.vertexName(target))) }
                }
            }
            result.matched = matched.map(store.vertexName)
            result.vertices.sort { $0.description < $1.description }
            result.edges.sort { ($0.0.description, $0.1.description) < ($1.0.description, $1.1.description) }
            return result
        }
    }
}

/// Vertices and edges around some vertices of the graph.
public struct GraphNeighbourhood: Sendable {
    public var matched: [VertexName] = []
    public var vertices: [VertexName] = []
    public var edges: [(VertexName, VertexName)] = []
    public var truncated = false
}

extension GraphEvent {
    var objectKind: String {
        switch self {
        case .added(let object), .deleted(let object), .reconcile(let object), .updated(_, let object): object.kind
        }
    }
}
