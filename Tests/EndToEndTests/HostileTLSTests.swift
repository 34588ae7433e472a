#if canImport(Glibc)
import Glibc
#endif
import COpenSSL
import CSystemShim
import Foundation
import HTTPServer
import Testing

/// The TLS surface as a scanner and a hostile client see it: only TLS 1.2 and 1.3, only
/// forward-secret AEAD suites, no renegotiation, and client-certificate mode that lets no one
/// else reach a handler.
struct HostileTLSTests {
    /// sslscan's XML report of a running server (sslscan takes about a second on loopback).
    static func sslscan(port: Int) throws -> String {
        let candidates = ["/usr/bin/sslscan", "/usr/local/bin/sslscan"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TLSTestClient.Failure("sslscan is not installed (scripts/setup installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--xml=-", "--no-colour", "--no-check-certificate", "127.0.0.1:\(port)"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The value of `attribute` in an XML element line, e.g. `cipher="…"`.
    static func attribute(_ name: String, in line: Substring) -> String? {
        guard let range = line.range(of: " \(name)=\"") else { return nil }
        let rest = line[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test func sslscanFindsOnlyTLS12And13WithForwardSecretAEADSuitesAndNoRenegotiation() throws {
        let server = try TestServer()
        let report = try Self.sslscan(port: server.port)
        let lines = report.split(separator: "\n")
        var enabled: [String] = []
        var suites: [String] = []
        for line in lines {
            if line.contains("<protocol "), Self.attribute("enabled", in: line) == "1" {
                enabled.append("\(Self.attribute("type", in: line) ?? "?") \(Self.attribute("version", in: line) ?? "?")")
            }
            if line.contains("<cipher "), let version = Self.attribute("sslversion", in: line), let name = Self.attribute("cipher", in: line) {
                suites.append("\(version) \(name)")
            }
        }
        #expect(enabled == ["tls 1.2", "tls 1.3"])
        #expect(lines.contains { $0.contains(#"<renegotiation supported="0""#) })
        #expect(!lines.contains { $0.contains("<heartbleed") && $0.contains(#"vulnerable="1""#) })
        // The test certificate is ECDSA, so the ECDHE-RSA suites of the list cannot be chosen.
        #expect(Set(suites) == [
            "TLSv1.3 TLS_AES_256_GCM_SHA384", "TLSv1.3 TLS_CHACHA20_POLY1305_SHA256", "TLSv1.3 TLS_AES_128_GCM_SHA256",
            "TLSv1.2 ECDHE-ECDSA-AES256-GCM-SHA384", "TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305", "TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256",
        ])
        #expect(server.healthzAnswered())
    }

    /// Whether a TLS 1.2 handshake offering only `suites` (at security level 0, so the client
    /// itself does not refuse them) succeeds.
    static func tls12Handshake(port: Int, caFile: String, suites: String) -> Bool {
        guard let context = SSL_CTX_new(TLS_client_method()) else { return false }
        defer { SSL_CTX_free(context) }
        _ = shim_SSL_CTX_set_max_proto_version(context, TLS1_2_VERSION)
        guard SSL_CTX_set_cipher_list(context, suites + ":@SECLEVEL=0") == 1 else { return false }
        _ = SSL_CTX_load_verify_locations(context, caFile, nil)
        let fd = shim_connect_tcp("127.0.0.1", UInt16(port))
        guard fd >= 0 else { return false }
        defer { close(fd) }
        _ = shim_set_timeouts(fd, 5000)
        guard let ssl = SSL_new(context) else { return false }
        defer { SSL_free(ssl) }
        _ = SSL_set_fd(ssl, fd)
        let result = SSL_connect(ssl)
        ERR_clear_error()
        return result == 1
    }

    @Test(arguments: [
        "ECDHE-ECDSA-AES128-SHA",      // CBC with SHA-1
        "ECDHE-ECDSA-AES256-SHA",      // CBC with SHA-1
        "ECDHE-ECDSA-AES128-SHA256",   // CBC
        "ECDHE-ECDSA-AES256-SHA384",   // CBC
        "ECDHE-ECDSA-AES128-CCM8",     // short tag
        "ECDHE-ECDSA-CAMELLIA128-SHA256",
        "ECDHE-ECDSA-NULL-SHA",        // no encryption
        "AES128-GCM-SHA256",           // RSA key exchange: no forward secrecy
        "ADH-AES128-GCM-SHA256",       // anonymous
        "AECDH-AES128-SHA",            // anonymous
        "DES-CBC3-SHA",                // 3DES
    ])
    func weakTLS12SuiteAloneIsRefused(_ suite: String) throws {
        let server = try TestServer()
        #expect(!Self.tls12Handshake(port: server.port, caFile: server.certificates.caFile, suites: suite))
        #expect(Self.tls12Handshake(port: server.port, caFile: server.certificates.caFile, suites: "ECDHE-ECDSA-AES128-GCM-SHA256"))
    }

    /// A TLS 1.2 client that asks to renegotiate gets no new handshake; the server keeps serving.
    @Test func clientInitiatedRenegotiationIsRefused() throws {
        let server = try TestServer()
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw TLSTestClient.Failure("SSL_CTX_new") }
        defer { SSL_CTX_free(context) }
        _ = shim_SSL_CTX_set_max_proto_version(context, TLS1_2_VERSION)
        _ = SSL_CTX_load_verify_locations(context, server.certificates.caFile, nil)
        let fd = shim_connect_tcp("127.0.0.1", UInt16(server.port))
        try #require(fd >= 0)
        defer { close(fd) }
        _ = shim_set_timeouts(fd, 5000)
        let ssl = try #require(SSL_new(context))
        defer { SSL_free(ssl) }
        _ = SSL_set_fd(ssl, fd)
        try #require(SSL_connect(ssl) == 1)
        #expect(SSL_renegotiate(ssl) == 1)
        let renegotiated = SSL_do_handshake(ssl)
        ERR_clear_error()
        #expect(renegotiated != 1)
        #expect(server.healthzAnswered())
    }

    /// With `--client-ca`, clients without a certificate, with one from another CA, or with a
    /// self-signed one naming kube-apiserver never reach a handler; the right one does, and keeps
    /// being answered while the others knock.
    @Test func clientCertificateModeLetsOnlyCertificatesOfTheClientCAThrough() throws {
        let routes = HostileRoutes()
        let server = try TestServer.hostile(routes, requireClientCertificate: true)
        let stranger = try TestCertificates.generate(commonName: "kube-apiserver")
        let trusted = try server.client(clientCertificate: true)
        for round in 0..<10 {
            for (certFile, keyFile) in [(nil, nil), (stranger.clientCertFile, stranger.clientKeyFile), (stranger.caFile, stranger.caFile.replacingOccurrences(of: ".crt", with: ".key"))] as [(String?, String?)] {
                do {
                    let client = try TLSTestClient(port: server.port, caFile: server.certificates.caFile, clientCertFile: certFile, clientKeyFile: keyFile)
                    try client.send(HostileSmugglingTests.smuggled)
                    // TLS 1.3 checks the client certificate after the client's handshake: the
                    // refusal is the first thing read.
                    #expect(try client.readUntilClosed().isEmpty)
                } catch {
                    // Refused during the handshake.
                }
            }
            let response = try trusted.request("GET", "/smuggled")
            #expect(response.text == "smuggled", "round \(round)")
        }
        #expect(routes.smuggled == 10)
        // The refused handshakes are counted by the loop that saw them, which may still be busy
        // with the last one.
        let counted = eventually { server.metricValue(#"seed_webhooks_tls_handshakes_total{result="failed"}"#) == 30 }
        #expect(counted, "failed handshakes: \(server.metricValue(#"seed_webhooks_tls_handshakes_total{result="failed"}"#) ?? -1)")
    }
}
