import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Prometheus

/// The CA bundle of setting `tokenRequestor.caBundleFile`, kept current while the process runs.
///
/// The file must hold PEM certificates when this is created (else a clear error, and the process
/// does not start). Afterwards a changed file that is unreadable or not a certificate bundle is
/// logged and counted, and the previous bundle stays in force, like controller-runtime's
/// `CertWatcher`.
public final class CABundleFile: Sendable {
    /// Why the file cannot be used at start.
    public struct LoadError: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "tokenRequestor.caBundleFile \(path): \(reason)" }
    }

    /// What a check of the file found.
    public enum ReloadResult: Equatable, Sendable {
        /// Same content as before (or the same bad content already reported).
        case unchanged
        /// A new bundle is in force.
        case reloaded(certificates: Int)
        /// The file changed but cannot be used; the previous bundle stays.
        case failed(String)
    }

    /// Largest accepted file; a system-wide CA bundle is about 200 KiB.
    public static let maxFileBytes = 4 << 20

    public let path: String
    private let state: Locked<State>
    private let logger: Logger
    private let reloads: Counter?
    private let failures: Counter?

    private struct State {
        var bundle: PEMCertificateBundle
        /// What the last check read, good or bad, so one bad file is reported once.
        var lastSeen: Result<[UInt8], LoadError>
    }

    public init(path: String, logger: Logger = Logger(label: "seed-webhooks.token-requestor"),
                metrics: PrometheusCollectorRegistry? = nil) throws(LoadError) {
        self.path = path
        self.logger = logger
        let bytes = try Self.readFile(path)
        let bundle: PEMCertificateBundle
        do { bundle = try PEMCertificateBundle(bytes: bytes) } catch {
            throw LoadError(path: path, reason: error.message)
        }
        state = Locked(State(bundle: bundle, lastSeen: .success(bytes)))
        let descriptor = MetricNameDescriptor(namespace: "seed_webhooks", metricName: "ca_bundle_reloads", unitName: "total",
                                              helpText: "Changes of the TokenRequestor CA bundle file, by result.")
        reloads = metrics?.makeCounter(descriptor: descriptor, labels: [("result", "success")])
        failures = metrics?.makeCounter(descriptor: descriptor, labels: [("result", "failure")])
    }

    /// The bundle in force.
    public var bundle: PEMCertificateBundle { state.withLock { $0.bundle } }

    /// Reads the file now and swaps in a changed, valid bundle.
    @discardableResult
    public func reload() -> ReloadResult {
        let read = Result { () throws(LoadError) -> [UInt8] in try Self.readFile(path) }
        let outcome: ReloadResult = state.withLock { state in
            guard read != state.lastSeen else { return .unchanged }
            state.lastSeen = read
            switch read {
            case .failure(let error):
                return .failed(error.reason)
            case .success(let bytes):
                if bytes == state.bundle.bytes { return .unchanged }
                do throws(PEMCertificateBundle.Problem) {
                    let bundle = try PEMCertificateBundle(bytes: bytes)
                    state.bundle = bundle
                    return .reloaded(certificates: bundle.certificateCount)
                } catch {
                    return .failed(error.message)
                }
            }
        }
        switch outcome {
        case .unchanged: break
        case .reloaded(let count):
            reloads?.increment()
            logger.info("CA bundle reloaded", metadata: ["path": "\(path)", "certificates": "\(count)"])
        case .failed(let reason):
            failures?.increment()
            logger.error("CA bundle file changed but cannot be used; keeping the previous bundle",
                         metadata: ["path": "\(path)", "reason": "\(reason)"])
        }
        return outcome
    }

    /// Watches the file (inotify through Dispatch, plus polling) and reloads on change until the
    /// returned watcher is cancelled or released. `onCheck` sees every check's result.
    public func watch(pollInterval: DispatchTimeInterval = .seconds(10), fileEvents: Bool = true,
                      onCheck: (@Sendable (ReloadResult) -> Void)? = nil) -> FileWatcher {
        FileWatcher(path: path, pollInterval: pollInterval, fileEvents: fileEvents, label: "seed-webhooks.ca-bundle") { [weak self] in
            guard let result = self?.reload() else { return }
            onCheck?(result)
        }
    }

    private static func readFile(_ path: String) throws(LoadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LoadError(path: path, reason: "cannot read: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw LoadError(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maxFileBytes else {
                throw LoadError(path: path, reason: "larger than \(maxFileBytes) bytes")
            }
        }
    }
}
