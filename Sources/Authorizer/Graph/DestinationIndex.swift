/// What a high fan-out vertex reaches in one step beyond its neighbours, so that a path check
/// from it does not walk 100,000 shoots (Kubernetes' Node authorizer keeps the same kind of index
/// for the same reason: `plugin/pkg/auth/authorizer/node/graph.go`, `destinationEdgeIndex`).
///
/// For a vertex H it holds, for each out-neighbour N:
/// * the Seeds N points at (or N itself when N is a Seed), reference-counted in `seedCounts`;
/// * N in `openNeighbours` when N also points at something that is not a Seed, so a walk must
///   continue through N (e.g. a ControllerInstallation that points at a Shoot);
/// * the Seeds of `seedCounts` that have outgoing edges (to their ManagedSeed) in `openSeeds`,
///   since a parent seed is reached through them.
///
/// A walk that reaches H answers "is Seed S one step past a neighbour" from `seedCounts` and
/// continues only into `openNeighbours` and `openSeeds`; every other neighbour leads to Seeds only,
/// all of which `seedCounts` already holds.
final class DestinationIndex {
    var seedCounts: [Int32: Int32] = [:]
    var openNeighbours: Set<Int32> = []
    var openSeeds: Set<Int32> = []

    /// Adds (`sign` 1) or removes (`sign` -1) what `neighbour` contributes.
    func add(contributionOf neighbour: Int32, in store: GraphStore, sign: Int32) {
        if store.kinds[Int(neighbour)] == .seed {
            bump(seed: neighbour, by: sign, in: store)
            return
        }
        store.outs[Int(neighbour)].forEach { target in
            if store.kinds[Int(target)] == .seed { bump(seed: target, by: sign, in: store) }
        }
        if store.isOpen(neighbour) {
            if sign > 0 { openNeighbours.insert(neighbour) } else { openNeighbours.remove(neighbour) }
        }
    }

    func bump(seed: Int32, by delta: Int32, in store: GraphStore) {
        let count = (seedCounts[seed] ?? 0) + delta
        if count <= 0 {
            seedCounts[seed] = nil
            openSeeds.remove(seed)
        } else {
            seedCounts[seed] = count
            if count == delta, !store.outs[Int(seed)].isEmpty { openSeeds.insert(seed) }
        }
    }
}
