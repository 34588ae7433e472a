import Foundation
import Prometheus
import Testing
@testable import Webhooks

struct CABundleFileTests {
    @Test func missingFileAtStartIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/missing.pem"
        #expect(throws: CABundleFile.LoadError(path: path, reason: "cannot read: No such file or directory")) {
            try CABundleFile(path: path)
        }
        let error = CABundleFile.LoadError(path: path, reason: "cannot read: No such file or directory")
        #expect(error.description == "tokenRequestor.caBundleFile \(path): cannot read: No such file or directory")
    }

    @Test func nonPEMFileAtStartIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("ca.crt", Array("not a certificate\n".utf8))
        #expect(throws: CABundleFile.LoadError(path: path, reason: "no PEM certificate found")) {
            try CABundleFile(path: path)
        }
    }

    @Test func reloadSwapsInAChangedValidBundle() throws {
        let directory = try TemporaryDirectory()
        let first = try TestCertificates.certificate(commonName: "first")
        let second = try TestCertificates.certificate(commonName: "second") + TestCertificates.certificate(commonName: "third")
        let path = try directory.write("ca.crt", first)
        let file = try CABundleFile(path: path)
        #expect(file.bundle.bytes == first)
        #expect(file.reload() == .unchanged)

        try directory.write("ca.crt", second)
        #expect(file.reload() == .reloaded(certificates: 2))
        #expect(file.bundle.bytes == second)
        #expect(file.reload() == .unchanged)
    }

    @Test func badNewFileKeepsThePreviousBundleAndIsCountedOnce() throws {
        let directory = try TemporaryDirectory()
        let first = try TestCertificates.certificate(commonName: "first")
        let path = try directory.write("ca.crt", first)
        let registry = PrometheusCollectorRegistry()
        let file = try CABundleFile(path: path, metrics: registry)

        try directory.write("ca.crt", try TestCertificates.privateKey())
        #expect(file.reload() == .failed("PEM block 1 is a PRIVATE KEY, not a CERTIFICATE"))
        #expect(file.reload() == .unchanged)
        #expect(file.bundle.bytes == first)

        try directory.write("ca.crt", first)
        #expect(file.reload() == .unchanged)
        var exposition: [UInt8] = []
        registry.emit(into: &exposition)
        let lines = text(exposition).split(separator: "\n").map(String.init)
        #expect(lines.contains(#"seed_webhooks_ca_bundle_reloads_total{result="failure"} 1"#))
        #expect(lines.contains(#"seed_webhooks_ca_bundle_reloads_total{result="success"} 0"#))
    }

    @Test func removedFileKeepsThePreviousBundle() throws {
        let directory = try TemporaryDirectory()
        let first = try TestCertificates.certificate(commonName: "first")
        let path = try directory.write("ca.crt", first)
        let file = try CABundleFile(path: path)
        _ = unlink(path)
        #expect(file.reload() == .failed("cannot read: No such file or directory"))
        #expect(file.bundle.bytes == first)
    }

    /// A file-system event (atomic rename into place) triggers the reload; polling is set far out.
    @Test(.timeLimit(.minutes(1))) func watcherReloadsOnFileEvents() async throws {
        try await expectWatcherReload(pollInterval: .seconds(3600), fileEvents: true)
    }

    /// Without file events, the polling timer finds the change.
    @Test(.timeLimit(.minutes(1))) func watcherReloadsByPolling() async throws {
        try await expectWatcherReload(pollInterval: .milliseconds(20), fileEvents: false)
    }

    private func expectWatcherReload(pollInterval: DispatchTimeInterval, fileEvents: Bool) async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("ca.crt", try TestCertificates.certificate(commonName: "first"))
        let second = try TestCertificates.certificate(commonName: "second")
        let file = try CABundleFile(path: path)
        let (results, continuation) = AsyncStream.makeStream(of: CABundleFile.ReloadResult.self)
        let watcher = file.watch(pollInterval: pollInterval, fileEvents: fileEvents) { continuation.yield($0) }
        defer { watcher.cancel() }
        try directory.write("ca.crt", second)
        for await result in results where result != .unchanged {
            #expect(result == .reloaded(certificates: 1))
            break
        }
        #expect(file.bundle.bytes == second)
    }
}
