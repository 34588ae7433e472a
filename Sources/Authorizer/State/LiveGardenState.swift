import Foundation
import JSON

/// The garden state as list/watch delivers it: one object change at a time. Each change becomes
/// graph updates with exactly the semantics of `GardenState.events(from:)`, computed on a small
/// state of the object plus the objects whose edges depend on it, never on the whole garden:
///
/// * a Seed brings its ManagedSeed and Gardenlet `garden/<seed>` (their bootstrap edges depend on
///   the Seed; Gardener re-runs the ManagedSeed handler when a Seed is added);
/// * a ManagedSeed or Gardenlet brings its Seed;
/// * a SecretBinding or CredentialsBinding brings the Shoots of its namespace (a re-created binding
///   gets its edges to shoots back, as Gardener's Shoot update handler restores them);
/// * a Namespace is not a vertex: its `project.gardener.cloud/name` label names the managed issuer
///   secret of its Shoots, which are updated when the label changes. Gardener reads the label only
///   when a Shoot changes; following label changes makes the graph independent of the order in
///   which informers deliver, so it converges to what the same objects loaded from files give.
///
/// Thread-safe: changes are applied under one lock, and the graph receives each batch in order.
///
/// `@unchecked Sendable`: every mutable field is read and written under `lock`.
public final class LiveGardenState: @unchecked Sendable {
    public enum Change: Sendable {
        /// The object was added or modified.
        case upsert
        /// The object was deleted; only `apiVersion`, `kind` and `metadata` are needed.
        case delete
    }

    public let graph: ResourceGraph
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var objects: [GardenState.Key: GardenObject] = [:]
    private var namespaceProjects: [String: String] = [:]
    private var shootsByNamespace: [String: Set<String>] = [:]

    /// - Parameter clock: seconds since 1970 (decides whether client certificates have expired).
    public init(graph: ResourceGraph, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.graph = graph
        self.clock = clock
    }

    /// Objects with graph handlers currently known.
    public var count: Int { lock.withLock { objects.count } }

    /// Applies `changes` in order and returns the number of graph updates they caused. Objects of
    /// kinds without graph handlers (or without a name) are ignored.
    @discardableResult
    public func apply(_ changes: [(Change, JSONValue)]) -> Int {
        lock.withLock {
            let now = clock()
            var events: [GraphEvent] = []
            for (change, object) in changes {
                events += graphEvents(change, object, now: now)
            }
            if !events.isEmpty { graph.apply(events) }
            return events.count
        }
    }

    private func graphEvents(_ change: Change, _ object: JSONValue, now: Double) -> [GraphEvent] {
        if object.string("kind") == "Namespace", !object.string("apiVersion").contains("/") {
            let project = change == .delete ? nil : object.label("project.gardener.cloud/name")
            return namespaceChanged(object.metadataName, project: project, now: now)
        }
        guard let decoded = try? GardenState(objects: [object], now: now), let (key, new) = decoded.objects.first else { return [] }
        let old = objects[key]
        let current: GardenObject? = change == .delete ? nil : new
        if old == nil && current == nil { return [] }

        let contextKeys = contextKeys(of: key)
        if contextKeys.isEmpty && !Self.dependsOnNamespace(current ?? new) {
            // Nothing else is involved: the events `events(from:)` would give, without building states.
            objects[key] = current
            if key.kind == .shoot {
                if current == nil { shootsByNamespace[key.namespace]?.remove(key.name) } else { shootsByNamespace[key.namespace, default: []].insert(key.name) }
            }
            switch (old, current) {
            case (nil, let added?): return [.added(added)]
            case (let removed?, nil): return [.deleted(removed)]
            case (let before?, let after?): return before == after ? [] : [.updated(old: before, new: after)]
            case (nil, nil): return []
            }
        }
        let context = contextKeys.compactMap { objects[$0] }
        let before = GardenState((old.map { [$0] } ?? []) + context, namespaceProjects: namespaceProjects, now: now)
        let after = GardenState((current.map { [$0] } ?? []) + context, namespaceProjects: namespaceProjects, now: now)
        let events = after.events(from: before)

        // Keep what the graph was given: objects as resolved in `after`.
        objects[key] = after.objects[key]
        for contextKey in contextKeys where after.objects[contextKey] != nil {
            objects[contextKey] = after.objects[contextKey]
        }
        if key.kind == .shoot {
            if current == nil {
                shootsByNamespace[key.namespace]?.remove(key.name)
            } else {
                shootsByNamespace[key.namespace, default: []].insert(key.name)
            }
        }
        return events
    }

    /// A managed-issuer Shoot's edges depend on its Namespace's project label.
    private static func dependsOnNamespace(_ object: GardenObject) -> Bool {
        if case .shoot(let shoot) = object { return shoot.managedIssuer }
        return false
    }

    /// The objects whose edges depend on the object `key` (see the type's comment).
    private func contextKeys(of key: GardenState.Key) -> [GardenState.Key] {
        switch key.kind {
        case .seed:
            return [GardenState.Key(kind: .managedSeed, namespace: "garden", name: key.name),
                    GardenState.Key(kind: .gardenlet, namespace: "garden", name: key.name)]
        case .managedSeed, .gardenlet:
            return [GardenState.Key(kind: .seed, namespace: "", name: key.name)]
        case .secretBinding, .credentialsBinding:
            return (shootsByNamespace[key.namespace] ?? []).sorted().map { GardenState.Key(kind: .shoot, namespace: key.namespace, name: $0) }
        default:
            return []
        }
    }

    /// A Namespace's project label changed: its managed-issuer Shoots get their issuer secret edge updated.
    private func namespaceChanged(_ namespace: String, project: String?, now: Double) -> [GraphEvent] {
        guard namespaceProjects[namespace] != project else { return [] }
        let shoots = (shootsByNamespace[namespace] ?? []).sorted().compactMap { name -> GardenObject? in
            guard case .shoot(let shoot)? = objects[GardenState.Key(kind: .shoot, namespace: namespace, name: name)], shoot.managedIssuer else {
                return nil
            }
            return .shoot(shoot)
        }
        var projects = namespaceProjects
        let before = GardenState(shoots, namespaceProjects: projects, now: now)
        projects[namespace] = project
        let after = GardenState(shoots, namespaceProjects: projects, now: now)
        namespaceProjects[namespace] = project
        for (key, object) in after.objects { objects[key] = object }
        return after.events(from: before)
    }
}
