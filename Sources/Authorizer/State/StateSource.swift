import Dispatch
import Foundation
import JSON
import Logging
import Synchronization

/// The garden state from `--state PATH`: a manifest file or a directory of them (YAML documents,
/// JSON, `kind: List`). It is loaded in the background, watched (inotify through a Dispatch read
/// source, plus polling for file systems that do not notify), and each change is applied to the
/// graph as per-object updates against the previous state, in batches under the graph's write lock.
/// A state that fails to load is reported (log, metric, readiness reason until a first load
/// succeeds) and the previous state stays in force.
public final class StateSource: @unchecked Sendable {
    // Everything below `queue` is confined to `queue`; `status` is the only cross-thread state.
    public let path: String
    public let graph: ResourceGraph
    private let metrics: AuthorizerMetrics?
    private let logger: Logger
    private let pollInterval: Double
    private let batchSize: Int
    private let clock: @Sendable () -> Double
    private let queue = DispatchQueue(label: "seed-webhooks.state")

    private var current = GardenState()
    private var lastStamps: [FileStamp]?
    private var loadedOnce = false
    private var watcher: DirectoryWatcher?
    private var timer: DispatchSourceTimer?
    private var reloadPending = false
    /// Set by `start()`: only a started source watches its files.
    private var watching = false
    private var onReadiness: (@Sendable (String?) -> Void)?

    private let status = Mutex<Status>(Status())

    struct Status {
        var readinessReason: String? = "garden state not loaded yet"
        var lastError: String?
    }

    /// The outcome of one load.
    public struct LoadSummary: Sendable, Equatable {
        public var changed: Bool
        public var objects: Int
        public var events: Int
    }

    /// - Parameters:
    ///   - pollInterval: seconds between checks of the files' sizes and times (also catches changes
    ///     that inotify misses, e.g. on network file systems).
    ///   - batchSize: graph updates applied per write-lock section; bounds how long a path check waits.
    ///   - clock: seconds since 1970 (decides whether client certificates have expired).
    public init(path: String, graph: ResourceGraph, metrics: AuthorizerMetrics? = nil,
                logger: Logger = Logger(label: "seed-webhooks.state"), pollInterval: Double = 2, batchSize: Int = 64,
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.path = path
        self.graph = graph
        self.metrics = metrics
        self.logger = logger
        self.pollInterval = pollInterval
        self.batchSize = max(1, batchSize)
        self.clock = clock
    }

    deinit {
        timer?.cancel()
        watcher?.cancel()
    }

    /// Nil once a state has been loaded; otherwise why not (for `/readyz`).
    public var readinessReason: String? { status.withLock { $0.readinessReason } }
    /// The error of the last failed load, nil after a successful one.
    public var lastError: String? { status.withLock { $0.lastError } }

    /// Loads now, on the calling thread's behalf (waits for the loader queue). Throws when the state
    /// does not load; the previous state then stays in force.
    @discardableResult
    public func loadNow() throws(StateError) -> LoadSummary {
        let result: Result<LoadSummary, StateError> = queue.sync { reloadLocked(force: true) }
        return try result.get()
    }

    /// Loads in the background and keeps watching until `stop()`. `onReadiness` receives nil when the first load
    /// succeeded, or the reason the state is not ready yet.
    public func start(onReadiness: (@Sendable (String?) -> Void)? = nil) {
        queue.async { [self] in
            self.onReadiness = onReadiness
            watching = true
            onReadiness?(status.withLock { $0.readinessReason })
            _ = reloadLocked(force: true)
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + pollInterval, repeating: pollInterval, leeway: .milliseconds(100))
            // The timer keeps the source alive while it runs; `stop()` releases it.
            timer.setEventHandler { _ = self.reloadLocked(force: false) }
            timer.resume()
            self.timer = timer
        }
    }

    /// Reloads in the background whether or not the files look changed (SIGHUP).
    public func reload() {
        queue.async { [self] in _ = reloadLocked(force: true) }
    }

    public func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
            watcher?.cancel()
            watcher = nil
            watching = false
        }
    }

    /// Called by the watcher: coalesces a burst of notifications into one reload.
    private func scheduleReload() {
        guard !reloadPending else { return }
        reloadPending = true
        queue.asyncAfter(deadline: .now() + .milliseconds(50)) { [weak self] in
            guard let self else { return }
            reloadPending = false
            _ = reloadLocked(force: false)
        }
    }

    private func reloadLocked(force: Bool) -> Result<LoadSummary, StateError> {
        let files: [String]
        let directories: [String]
        do {
            (files, directories) = try ManifestFiles.list(path)
        } catch {
            return fail(error, stamps: nil)
        }
        if watching { watch(directories) }
        let stamps = files.map(FileStamp.init(path:))
        if !force, stamps == lastStamps {
            return .success(LoadSummary(changed: false, objects: current.count, events: 0))
        }
        do {
            var objects: [JSONValue] = []
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw StateError("\(file): cannot be read")
                }
                objects.append(contentsOf: try ManifestDecoder.objects(in: Array(data), source: file))
            }
            let state = try GardenState(objects: objects, now: clock())
            let events = state.events(from: current)
            var start = 0
            while start < events.count {
                let end = min(start + batchSize, events.count)
                graph.apply(events[start..<end])
                start = end
            }
            current = state
            lastStamps = stamps
            loadedOnce = true
            status.withLock {
                $0.readinessReason = nil
                $0.lastError = nil
            }
            onReadiness?(nil)
            metrics?.stateReloads.increment()
            metrics?.stateObjects.set(Double(state.count))
            metrics?.stateLastReloadTimestamp.set(clock())
            logger.info("garden state loaded", metadata: [
                "path": "\(path)", "files": "\(files.count)", "objects": "\(state.count)", "updates": "\(events.count)",
            ])
            return .success(LoadSummary(changed: true, objects: state.count, events: events.count))
        } catch let error as StateError {
            return fail(error, stamps: stamps)
        } catch {
            return fail(StateError("\(error)"), stamps: stamps)
        }
    }

    private func fail(_ error: StateError, stamps: [FileStamp]?) -> Result<LoadSummary, StateError> {
        // Remember the broken files so that polling does not report them again until they change.
        if let stamps { lastStamps = stamps }
        metrics?.stateReloadFailures.increment()
        logger.error("garden state not loaded; the previous state stays in force",
                     metadata: ["path": "\(path)", "error": "\(error.message)"])
        let reason: String? = loadedOnce ? nil : "garden state not loaded: \(error.message)"
        status.withLock {
            $0.lastError = error.message
            if !loadedOnce { $0.readinessReason = reason }
        }
        if !loadedOnce { onReadiness?(reason) }
        return .failure(error)
    }

    private func watch(_ directories: [String]) {
        if watcher == nil { watcher = DirectoryWatcher(queue: queue) { self.scheduleReload() } }
        watcher?.watch(directories)
    }
}

/// What identifies a version of a file without reading it.
struct FileStamp: Equatable {
    var path: String
    var size: Int64
    var modified: Int64
    var inode: UInt64

    init(path: String) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0 {
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            inode = UInt64(info.st_ino)
        } else {
            size = -1
            modified = 0
            inode = 0
        }
    }
}

/// The manifest files under a path: the file itself, or `*.yaml`, `*.yml` and `*.json` in a
/// directory tree. Hidden entries are skipped (a mounted ConfigMap's `..data` holds the same files
/// its visible symlinks point at); symlinks are followed.
enum ManifestFiles {
    static func list(_ path: String) throws(StateError) -> (files: [String], directories: [String]) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw StateError("\(path): no such file or directory") }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            let parent = (path as NSString).deletingLastPathComponent
            return ([path], [parent.isEmpty ? "." : parent])
        }
        var files: [String] = []
        var directories: [String] = []
        try walk(path, depth: 0, files: &files, directories: &directories)
        return (files.sorted(), directories)
    }

    private static func walk(_ directory: String, depth: Int, files: inout [String], directories: inout [String]) throws(StateError) {
        guard depth < 16 else { return }
        directories.append(directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw StateError("\(directory): cannot be listed")
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard stat(child, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try walk(child, depth: depth + 1, files: &files, directories: &directories)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") {
                files.append(child)
            }
        }
    }
}
