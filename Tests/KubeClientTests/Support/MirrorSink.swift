import Foundation
import JSON
import KubeClient

/// An `InformerSink` that keeps the objects it was given, so a test can compare them with what
/// the test API server holds.
///
/// `@unchecked Sendable`: every field is read and written under `condition`.
final class MirrorSink: InformerSink, @unchecked Sendable {
    private let condition = NSCondition()
    private var objects: [String: JSONValue] = [:]
    private var syncedKinds: [ResourceKind] = []
    private(set) var deletions = 0

    func apply(_ events: [ObjectEvent], of kind: ResourceKind) {
        condition.withLock {
            for event in events {
                let key = Self.key(kind, event.object)
                switch event.type {
                case .added, .modified: objects[key] = event.object
                case .deleted: objects[key] = nil; deletions += 1
                }
            }
            condition.broadcast()
        }
    }

    func synced(_ kind: ResourceKind) {
        condition.withLock {
            syncedKinds.append(kind)
            condition.broadcast()
        }
    }

    static func key(_ kind: ResourceKind, _ object: JSONValue) -> String {
        kind.resource + "/" + (object[path: "metadata", "namespace"]?.stringValue ?? "") + "/" + (object[path: "metadata", "name"]?.stringValue ?? "")
    }

    var synced: [ResourceKind] { condition.withLock { syncedKinds } }

    func objects(_ kind: ResourceKind) -> [JSONValue] {
        condition.withLock {
            objects.filter { $0.key.hasPrefix(kind.resource + "/") }.sorted { $0.key < $1.key }.map(\.value)
        }
    }

    /// Waits until `condition` holds (re-checked on every change), at most `timeout` seconds.
    @discardableResult
    func wait(timeout: Double = 10, until predicate: () -> Bool) -> Bool {
        let end = Date(timeIntervalSinceNow: timeout)
        while !predicate() {
            condition.lock()
            let more = condition.wait(until: min(end, Date(timeIntervalSinceNow: 0.05)))
            condition.unlock()
            if !more && Date() >= end { return predicate() }
        }
        return true
    }
}
