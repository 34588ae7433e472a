#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// SIGTERM/SIGINT and SIGHUP through Dispatch signal sources, so the handlers run on a queue, not
/// in signal context. Keep the value alive while it should act.
///
/// The signals are blocked in the calling thread first (create this on the main thread before
/// other threads start serving): a blocked signal stays pending until the source takes it, whereas
/// an ignored one (`SIG_IGN`) that arrives before the source is registered would be lost.
public final class SignalHandler: Sendable {
    private let sources: Mutex<[DispatchSourceHandle]>
    private let queue = DispatchQueue(label: "seed-webhooks.signals")

    /// `terminate` runs on the first SIGTERM or SIGINT (a second one exits at once with status 1);
    /// `hangup` runs on every SIGHUP.
    public init(terminate: @escaping @Sendable (Int32) -> Void, hangup: @escaping @Sendable () -> Void) {
        var created: [DispatchSourceHandle] = []
        let terminated = Atomic<Bool>(false)
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&blocked, signalNumber) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        for signalNumber in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if terminated.exchange(true, ordering: .relaxed) { exit(1) }
                terminate(signalNumber)
            }
            source.resume()
            created.append(DispatchSourceHandle(source))
        }
        let hup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hup.setEventHandler { hangup() }
        hup.resume()
        created.append(DispatchSourceHandle(hup))
        // A client that vanishes must not kill the process through a write.
        signal(SIGPIPE, SIG_IGN)
        sources = Mutex(created)
    }

    public func cancel() {
        sources.withLock { sources in
            for handle in sources { handle.source.cancel() }
            sources.removeAll()
        }
    }
}
