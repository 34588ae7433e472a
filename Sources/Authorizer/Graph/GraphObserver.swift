/// Receives the graph's measurements (the Prometheus metrics implement it).
public protocol GraphObserver: Sendable {
    /// One event applied: `kind` and `operation` as Gardener labels them (`Shoot`, `CreateOrUpdate`).
    func graphUpdated(kind: String, operation: String, seconds: Double)
    /// One path check from a vertex of `fromKind` to one of `toKind`.
    func pathChecked(fromKind: VertexKind, toKind: VertexKind, seconds: Double)
    /// The graph's size after a batch of updates.
    func graphSize(vertices: Int, edges: Int)
}
