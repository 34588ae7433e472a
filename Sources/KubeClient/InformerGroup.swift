import Dispatch
import Logging

/// The informers for a set of kinds against one API server, with one readiness answer:
/// ready once every kind's first list is applied.
///
/// `@unchecked Sendable`: `informers` is immutable and Sendable; the timer source is thread-safe
/// (Dispatch serialises resume/cancel), resumed once in `init` and cancelled in `stop`.
public final class InformerGroup: @unchecked Sendable {
    public let informers: [Informer]
    private let ageTimer: DispatchSourceTimer

    public init(kinds: [ResourceKind] = ResourceKind.gardenGraph, client: KubeClient, sink: any InformerSink,
                options: InformerOptions = InformerOptions(), metrics: InformerMetrics? = nil,
                logger: Logger = Logger(label: "seed-webhooks.garden")) {
        informers = kinds.map { Informer($0, client: client, sink: sink, options: options, metrics: metrics, logger: logger) }
        ageTimer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "seed-webhooks.garden.age"))
        let informers = self.informers
        ageTimer.setEventHandler { for informer in informers { informer.refreshAge() } }
        ageTimer.schedule(deadline: .now() + 5, repeating: 5)
        ageTimer.resume()  // a source released while suspended would trap
    }

    public func start() {
        for informer in informers { informer.start() }
    }

    public func stop() {
        for informer in informers { informer.stop() }
        ageTimer.cancel()
    }

    public var isSynced: Bool { informers.allSatisfy(\.isSynced) }

    /// Nil when synced; otherwise which kinds are still waiting and the last failure, for `/readyz`.
    public var readinessReason: String? {
        let waiting = informers.filter { !$0.isSynced }
        if waiting.isEmpty { return nil }
        var reason = "waiting for the initial list of " + waiting.map(\.kind.description).joined(separator: ", ")
        if let failure = waiting.lazy.compactMap(\.lastFailure).first { reason += " (last error: \(failure))" }
        return reason
    }
}
