#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `seed-webhooks serve` as a separate process, for attacks that need the server's own resource
/// figures or limits (its descriptors, its memory, a lowered `ulimit -n`) apart from the test
/// process. Listens on 127.0.0.1 with an ephemeral port read from its "serving" log line; the
/// probe listener is off, so `/healthz` and `/metrics` are asked over TLS.
final class ExecutableServer {
    let process = Process()
    let log: String
    private(set) var port = 0
    let certificates = TestCertificates.standard

    /// - Parameters:
    ///   - arguments: extra `serve` flags (limits).
    ///   - descriptorLimit: `ulimit -n` for the server, when set.
    init(_ arguments: [String], descriptorLimit: Int? = nil) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log").path
        var serve = [ServerCommandTests.binary, "serve", "--listen", "127.0.0.1:0", "--probe-listen", "", "--state", "",
                     "--tls-cert-file", certificates.certFile, "--tls-key-file", certificates.keyFile, "--log-level", "info"]
        serve += arguments
        let limit = descriptorLimit.map { "ulimit -n \($0) && " } ?? ""
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(limit)exec \"$@\" 2> \"\(log)\"", "sh"] + serve
        try process.run()
        var found = 0
        _ = eventually {
            let text = ProcessResources.text(ofFile: log)
            guard let range = text.range(of: #""port":""#) else { return false }
            found = Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
            return found > 0
        }
        guard found > 0 else {
            stop()
            throw TLSTestClient.Failure("serve did not start: \(ProcessResources.text(ofFile: log))")
        }
        port = found
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: log)
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var logText: String { ProcessResources.text(ofFile: log) }

    /// The server's VmRSS in bytes.
    var residentBytes: Int {
        let status = ProcessResources.text(ofFile: "/proc/\(pid)/status")
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }

    /// The server's open descriptors.
    var descriptorCount: Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1 }

    func client(timeoutMillis: Int32 = 5000) throws -> TLSTestClient {
        try TLSTestClient(port: port, caFile: certificates.caFile, timeoutMillis: timeoutMillis)
    }

    /// One series of `/metrics`, asked over TLS on a new connection.
    func metricValue(_ series: String) -> Double? {
        guard let text = try? client().request("GET", "/metrics").text else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
