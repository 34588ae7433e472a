import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Calls `onChange` on its own serial queue when a file may have changed: from inotify events on
/// the file's directory (Dispatch read source; the directory, not the file, so that Kubernetes'
/// atomic `..data` symlink swaps are seen) and from a polling timer, which also covers platforms
/// and file systems without inotify. `onChange` must compare contents itself: events are hints.
public final class FileWatcher: @unchecked Sendable {
    // Unchecked: `sources` is written only in `init` and read in `cancel()`; Dispatch sources
    // are thread-safe to cancel. All callbacks run on `queue`.
    private let queue: DispatchQueue
    private var sources: [any DispatchSourceProtocol] = []

    /// - Parameters:
    ///   - path: the watched file.
    ///   - pollInterval: the fallback check period.
    ///   - fileEvents: whether to use inotify besides polling.
    ///   - settleDelay: how long a burst of events is coalesced before `onChange` runs, so that a
    ///     file being written is read once it is complete.
    public init(path: String, pollInterval: DispatchTimeInterval, fileEvents: Bool = true, settleDelay: DispatchTimeInterval = .milliseconds(50),
                label: String = "seed-webhooks.file-watcher", onChange: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: label)
        self.queue = queue

        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + pollInterval, repeating: pollInterval)
        timer.setEventHandler(handler: onChange)
        sources.append(timer)

        #if canImport(Glibc)
        if fileEvents, let events = Self.inotifySource(directory: Self.directory(of: path), queue: queue,
                                           settleDelay: settleDelay, onChange: onChange) {
            sources.append(events)
        }
        #endif
        for source in sources { source.resume() }
    }

    deinit { cancel() }

    /// Stops watching; `onChange` is not called afterwards (except a call already running).
    public func cancel() {
        for source in sources where !source.isCancelled { source.cancel() }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    #if canImport(Glibc)
    private static func inotifySource(directory: String, queue: DispatchQueue, settleDelay: DispatchTimeInterval,
                                      onChange: @escaping @Sendable () -> Void) -> (any DispatchSourceRead)? {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            close(fd)
            return nil
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        let pending = PendingFlag()
        source.setEventHandler {
            // The events only say "look again"; drain them and check once the burst settles.
            var buffer = [UInt8](repeating: 0, count: 4096)
            while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
            guard !pending.value else { return }
            pending.value = true
            queue.asyncAfter(deadline: .now() + settleDelay) {
                pending.value = false
                onChange()
            }
        }
        source.setCancelHandler { close(fd) }
        return source
    }
    #endif
}

/// A flag touched only on one serial queue.
private final class PendingFlag: @unchecked Sendable {
    // Unchecked: read and written only on the watcher's serial queue.
    var value = false
}
