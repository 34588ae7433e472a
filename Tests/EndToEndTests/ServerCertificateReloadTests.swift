import Foundation
import HTTPServer
import Testing

/// Certificate rotation under open connections.
struct ServerCertificateReloadTests {
    /// A directory holding tls.crt/tls.key that tests rewrite, and a CA file trusting both sets.
    struct RotatingFiles {
        let directory: String
        let old: TestCertificates.Set
        let new: TestCertificates.Set
        var certFile: String { directory + "/tls.crt" }
        var keyFile: String { directory + "/tls.key" }
        var bothCAs: String { directory + "/both-ca.crt" }

        init() throws {
            old = try TestCertificates.generate(commonName: "old-serving-cert")
            new = try TestCertificates.generate(commonName: "new-serving-cert")
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("rotate-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: old.certFile, toPath: certFile)
            try FileManager.default.copyItem(atPath: old.keyFile, toPath: keyFile)
            let cas = try Data(contentsOf: URL(fileURLWithPath: old.caFile)) + Data(contentsOf: URL(fileURLWithPath: new.caFile))
            try cas.write(to: URL(fileURLWithPath: bothCAs))
        }

        /// Replaces a file atomically (write beside it, rename), as a secret volume update does.
        func replace(_ path: String, with source: String) throws {
            let staging = path + ".new"
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.copyItem(atPath: source, toPath: staging)
            _ = rename(staging, path)
        }

        func rotate() throws {
            try replace(keyFile, with: new.keyFile)
            try replace(certFile, with: new.certFile)
        }
    }

    @Test func rotationKeepsOpenConnectionsAndNewHandshakesSeeTheNewCertificate() throws {
        let files = try RotatingFiles()
        let server = try TestServer(certFile: files.certFile, keyFile: files.keyFile, certificatePollInterval: .milliseconds(50))
        let before = try TLSTestClient(port: server.port, caFile: files.bothCAs)
        #expect(before.peerCommonName == "old-serving-cert")
        #expect(try before.request("GET", "/healthz").text == "ok")

        try files.rotate()
        try waitUntil { (try? TLSTestClient(port: server.port, caFile: files.bothCAs).peerCommonName) == "new-serving-cert" }

        // The connection made before the rotation is still open and served.
        #expect(try before.request("GET", "/healthz").text == "ok")
        #expect(before.peerCommonName == "old-serving-cert")
        let metrics = String(decoding: server.metrics.emitToBuffer(), as: UTF8.self)
        #expect(metrics.contains("seed_webhooks_certificate_reloads_total 1"))
    }

    @Test func brokenReplacementKeepsTheOldCertificateAndCountsTheFailure() throws {
        let files = try RotatingFiles()
        let server = try TestServer(certFile: files.certFile, keyFile: files.keyFile)
        // The new certificate with the old key: the pair does not match.
        try files.replace(files.certFile, with: files.new.certFile)
        #expect(server.server.reloadCertificates() == false)
        let client = try TLSTestClient(port: server.port, caFile: files.bothCAs)
        #expect(client.peerCommonName == "old-serving-cert")
        let metrics = String(decoding: server.metrics.emitToBuffer(), as: UTF8.self)
        #expect(metrics.contains("seed_webhooks_certificate_reload_failures_total 1"))
        // Completing the rotation then succeeds.
        try files.replace(files.keyFile, with: files.new.keyFile)
        #expect(server.server.reloadCertificates() == true)
        #expect(try TLSTestClient(port: server.port, caFile: files.bothCAs).peerCommonName == "new-serving-cert")
    }

    @Test func unchangedFilesAreNotReloaded() throws {
        let server = try TestServer()
        #expect(server.server.reloadCertificates() == false)
    }

    @Test func expiryIsExported() throws {
        let server = try TestServer()
        let metrics = String(decoding: server.metrics.emitToBuffer(), as: UTF8.self)
        let line = try #require(metrics.split(separator: "\n").first { $0.hasPrefix("seed_webhooks_certificate_expiry_timestamp_seconds ") })
        let value = try #require(Double(line.split(separator: " ")[1]))
        #expect(value > Date().timeIntervalSince1970)
    }

    @Test func missingCertificateFileIsRefusedAtStartNamingIt() throws {
        #expect(throws: TLSError.self) {
            _ = try TestServer(certFile: "/nonexistent/tls.crt")
        }
        do {
            _ = try TestServer(certFile: "/nonexistent/tls.crt")
        } catch let error as TLSError {
            #expect(error.description == "certificate file /nonexistent/tls.crt: No such file or directory")
        }
    }
}
