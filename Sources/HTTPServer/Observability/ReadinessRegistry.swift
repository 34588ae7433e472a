import Synchronization

/// The conditions that keep `/readyz` at 503. Components add a named condition with a reason
/// while they are not ready ("authorizer state not loaded") and remove it when they are; the
/// server adds `shutdown` when it starts draining. `/readyz` answers 200 `ok` when none remain.
public final class ReadinessRegistry: Sendable {
    private let conditions: Mutex<[(name: String, reason: String)]> = Mutex([])

    public init() {}

    /// Makes `/readyz` answer 503 with `reason` until `markReady(name)`; a second call with the
    /// same name replaces the reason.
    public func markNotReady(_ name: String, reason: String) {
        conditions.withLock { conditions in
            if let index = conditions.firstIndex(where: { $0.name == name }) {
                conditions[index].reason = reason
            } else {
                conditions.append((name, reason))
            }
        }
    }

    /// Removes the condition `name` (no effect if absent).
    public func markReady(_ name: String) {
        conditions.withLock { $0.removeAll { $0.name == name } }
    }

    /// True when no condition is set.
    public var isReady: Bool { conditions.withLock { $0.isEmpty } }

    /// The conditions in the order they were added.
    public var notReadyReasons: [(name: String, reason: String)] { conditions.withLock { $0 } }
}
