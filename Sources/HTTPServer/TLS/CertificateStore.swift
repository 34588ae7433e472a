#if canImport(Glibc)
import Glibc
#endif
import CSystemShim
import Dispatch
import Logging
import Prometheus
import Synchronization

/// The server's current TLS context, reloaded when the certificate or key file changes, in the
/// manner of controller-runtime's `CertWatcher`:
///
/// * the first load happens in `init` and a failure there stops the start;
/// * the directories holding the files are watched (inotify through a Dispatch read source, so a
///   Kubernetes secret volume's `..data` symlink swap is seen) and the files are also polled;
/// * a reload whose files are byte-identical to the loaded ones is skipped;
/// * a reload that fails keeps the previous certificate in force and counts the failure;
/// * open connections keep the context they were accepted with; only new handshakes see the new one.
public final class CertificateStore: Sendable {
    private let settings: TLSSettings
    private let state: Mutex<State>
    private let logger: Logger
    private let reloads: Counter
    private let failures: Counter
    private let expiry: Gauge
    private let queue = DispatchQueue(label: "seed-webhooks.certificates")
    private let sources: Mutex<[DispatchSourceHandle]> = Mutex([])

    private struct State: Sendable {
        var context: TLSContext
        var fingerprint: [UInt8]
        var inotifyFD: Int32 = -1
    }

    /// Loads the certificate and key; throws a `TLSError` naming the file that is wrong.
    public init(settings: TLSSettings, metrics: PrometheusCollectorRegistry, logger: Logger) throws(TLSError) {
        self.settings = settings
        self.logger = logger
        reloads = metrics.makeCounter(descriptor: .named("seed_webhooks_certificate_reloads_total", help: "Certificate reloads that installed a new certificate."), labels: [])
        failures = metrics.makeCounter(descriptor: .named("seed_webhooks_certificate_reload_failures_total", help: "Certificate reloads that failed; the previous certificate stayed in force."), labels: [])
        expiry = metrics.makeGauge(descriptor: .named("seed_webhooks_certificate_expiry_timestamp_seconds", help: "notAfter of the serving certificate, seconds since the epoch."), labels: [])
        let fingerprint = Self.fingerprint(settings)
        let context = try TLSContext(settings: settings)
        state = Mutex(State(context: context, fingerprint: fingerprint))
        expiry.set(Double(context.notAfter))
    }

    /// The context new connections are accepted with.
    public var current: TLSContext { state.withLock { $0.context } }

    /// Re-reads the files now (also what SIGHUP does). Returns true when a new certificate was installed.
    @discardableResult
    public func reload() -> Bool {
        let fingerprint = Self.fingerprint(settings)
        if state.withLock({ $0.fingerprint == fingerprint }) { return false }
        do {
            let context = try TLSContext(settings: settings)
            state.withLock {
                $0.context = context
                $0.fingerprint = fingerprint
            }
            reloads.increment()
            expiry.set(Double(context.notAfter))
            logger.info("certificate reloaded", metadata: ["certFile": "\(settings.certFile)", "notAfter": "\(context.notAfter)"])
            return true
        } catch {
            failures.increment()
            logger.error("certificate reload failed; keeping the previous certificate", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Starts watching the files' directories and polling every `pollInterval`.
    public func startWatching(pollInterval: Duration) {
        let fd = shim_inotify_init()
        if fd >= 0 {
            var directories = Set<String>()
            for path in [settings.certFile, settings.keyFile, settings.clientCAFile] where !path.isEmpty {
                directories.insert(Self.directory(of: path))
            }
            for directory in directories where shim_inotify_watch(fd, directory) < 0 {
                logger.warning("cannot watch directory; relying on polling", metadata: ["directory": "\(directory)", "error": "\(errnoText())"])
            }
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            // The sources hold the store strongly; `stopWatching` cancels them and breaks the cycle.
            source.setEventHandler {
                _ = shim_inotify_drain(fd)
                // Writers replace cert and key one after the other; a short delay lets both land.
                self.queue.asyncAfter(deadline: .now() + .milliseconds(50)) { self.reload() }
            }
            source.setCancelHandler { close(fd) }
            source.resume()
            sources.withLock { $0.append(DispatchSourceHandle(source)) }
        } else {
            logger.warning("inotify unavailable; relying on polling", metadata: ["error": "\(errnoText())"])
        }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let millis = max(10, Int(ServerLimits.nanos(pollInterval, .seconds(10)) / 1_000_000))
        timer.schedule(deadline: .now() + .milliseconds(millis), repeating: .milliseconds(millis))
        timer.setEventHandler { self.reload() }
        timer.resume()
        sources.withLock { $0.append(DispatchSourceHandle(timer)) }
    }

    /// Stops watching and polling.
    public func stopWatching() {
        let all = sources.withLock { sources in
            defer { sources.removeAll() }
            return sources
        }
        for handle in all { handle.source.cancel() }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// The bytes of every file the context is built from; a reload is skipped while they are unchanged.
    static func fingerprint(_ settings: TLSSettings) -> [UInt8] {
        var all: [UInt8] = []
        for path in [settings.certFile, settings.keyFile, settings.clientCAFile] {
            all.append(contentsOf: readFile(path) ?? [])
            all.append(0)
        }
        return all
    }
}

/// Reads a whole (small) file, or nil.
func readFile(_ path: String) -> [UInt8]? {
    guard !path.isEmpty else { return nil }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16384)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}
