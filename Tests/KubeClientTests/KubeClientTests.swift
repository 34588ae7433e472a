import Foundation
import JSON
import KubeClient
import KubeClientTesting
import Testing

/// The client against the test API server over real TLS on loopback.
struct KubeClientTests {
    @Test func readsTheServerVersionVerifyingTheKubeconfigCA() throws {
        let server = try TestAPIServer(TestEnvironment.serverOptions())
        defer { server.stop() }
        let client = try TestEnvironment.client(port: server.port)
        #expect(try client.serverVersion() == ServerVersion(major: 1, minor: 34, patch: 1, gitVersion: "v1.34.1"))
    }

    @Test func reusesOneConnectionForSuccessiveRequests() throws {
        let server = try TestAPIServer(TestEnvironment.serverOptions())
        defer { server.stop() }
        let session = try TestEnvironment.client(port: server.port).makeSession()
        defer { session.close() }
        for _ in 0..<3 { _ = try session.request("GET", "/version") }
        #expect(server.statistics.connections == 1)
        #expect(server.statistics.versionRequests == 3)
    }

    @Test func presentsTheClientCertificateWhenTheServerRequiresOne() throws {
        var options = TestEnvironment.serverOptions()
        options.clientCAFile = TestEnvironment.caFile
        let server = try TestAPIServer(options)
        defer { server.stop() }
        let user = "{client-certificate: \(TestEnvironment.clientCertificate), client-key: \(TestEnvironment.clientKey)}"
        let client = try TestEnvironment.client(port: server.port, user: user)
        #expect(try client.serverVersion().minor == 34)
    }

    @Test func failsClearlyWithoutTheClientCertificateTheServerRequires() throws {
        var options = TestEnvironment.serverOptions()
        options.clientCAFile = TestEnvironment.caFile
        let server = try TestAPIServer(options)
        defer { server.stop() }
        let client = try TestEnvironment.client(port: server.port)
        #expect(throws: KubeClientError("reading from https://127.0.0.1:\(server.port) failed: tlsv13 alert certificate required")) {
            try client.serverVersion()
        }
    }

    @Test func failsClearlyWhenTheServerCertificateIsFromAnotherCA() throws {
        let foreign = try TestEnvironment.foreignCA()
        let server = try TestAPIServer(TestAPIServer.Options(certificateFile: foreign.certificate, keyFile: foreign.key))
        defer { server.stop() }
        let client = try TestEnvironment.client(port: server.port)
        #expect(throws: KubeClientError("TLS handshake with https://127.0.0.1:\(server.port) failed: certificate verify failed: unable to get local issuer certificate")) {
            try client.serverVersion()
        }
    }

    @Test func skipsVerificationWithInsecureSkipTLSVerify() throws {
        let foreign = try TestEnvironment.foreignCA()
        let server = try TestAPIServer(TestAPIServer.Options(certificateFile: foreign.certificate, keyFile: foreign.key))
        defer { server.stop() }
        let directory = TestEnvironment.temporaryDirectory()
        let path = TestEnvironment.write("""
        current-context: c
        contexts: [{name: c, context: {cluster: k}}]
        clusters: [{name: k, cluster: {server: "https://127.0.0.1:\(server.port)", insecure-skip-tls-verify: true}}]
        """, to: directory, as: "kubeconfig")
        let client = try KubeClient(kubeconfigPath: path, options: TestEnvironment.fastOptions())
        #expect(try client.serverVersion().minor == 34)
    }

    @Test func verifiesTheTLSServerNameInsteadOfTheHost() throws {
        let server = try TestAPIServer(TestEnvironment.serverOptions())
        defer { server.stop() }
        let directory = TestEnvironment.temporaryDirectory()
        let config = TestEnvironment.kubeconfig(port: server.port, cluster: "    tls-server-name: api.other.example")
        let path = TestEnvironment.write(config, to: directory, as: "kubeconfig")
        let client = try KubeClient(kubeconfigPath: path, options: TestEnvironment.fastOptions())
        #expect(throws: KubeClientError("TLS handshake with https://127.0.0.1:\(server.port) failed: certificate verify failed: hostname mismatch")) {
            try client.serverVersion()
        }
    }

    @Test func refusesAClientKeyThatDoesNotMatchTheCertificate() throws {
        let foreign = try TestEnvironment.foreignCA()
        let directory = TestEnvironment.temporaryDirectory()
        let user = "{client-certificate: \(TestEnvironment.clientCertificate), client-key: \(foreign.key)}"
        let path = TestEnvironment.write(TestEnvironment.kubeconfig(port: 1, user: user), to: directory, as: "kubeconfig")
        #expect(throws: KubeClientError("kubeconfig \(path): client-key does not match client-certificate: key values mismatch")) {
            try KubeClient(kubeconfigPath: path)
        }
    }

    @Test func refusesACertificateAuthorityWithoutCertificates() throws {
        let directory = TestEnvironment.temporaryDirectory()
        TestEnvironment.write("not a certificate\n", to: directory, as: "ca.crt")
        let path = TestEnvironment.write("""
        current-context: c
        contexts: [{name: c, context: {cluster: k}}]
        clusters: [{name: k, cluster: {server: "https://127.0.0.1:1", certificate-authority: ca.crt}}]
        """, to: directory, as: "kubeconfig")
        #expect(throws: KubeClientError("kubeconfig \(path): certificate-authority holds no PEM certificate")) {
            try KubeClient(kubeconfigPath: path)
        }
    }

    @Test func timesOutAHandshakeThatNeverCompletes() throws {
        var options = TestEnvironment.serverOptions()
        options.neverHandshake = true
        let server = try TestAPIServer(options)
        defer { server.stop() }
        var clientOptions = TestEnvironment.fastOptions()
        clientOptions.handshakeTimeout = 0.2
        let client = try TestEnvironment.client(port: server.port, options: clientOptions)
        #expect(throws: KubeClientError("TLS handshake with https://127.0.0.1:\(server.port) timed out")) {
            try client.serverVersion()
        }
    }

    @Test func reportsARefusedConnection() throws {
        let server = try TestAPIServer(TestEnvironment.serverOptions())
        let port = server.port
        server.stop()
        let client = try TestEnvironment.client(port: port)
        #expect(throws: KubeClientError("cannot connect to https://127.0.0.1:\(port): Connection refused")) {
            try client.serverVersion()
        }
    }

    @Test func sendsTheBearerTokenFromTheTokenFile() throws {
        var options = TestEnvironment.serverOptions()
        options.requiredToken = "garden-token"
        let server = try TestAPIServer(options)
        defer { server.stop() }
        let directory = TestEnvironment.temporaryDirectory()
        TestEnvironment.write("garden-token\n", to: directory, as: "token")
        let path = TestEnvironment.write(TestEnvironment.kubeconfig(port: server.port, user: "{tokenFile: token}"), to: directory, as: "kubeconfig")
        let client = try KubeClient(kubeconfigPath: path, options: TestEnvironment.fastOptions())
        #expect(try client.serverVersion().minor == 34)
    }

    @Test func reportsTheStatusMessageOfARejectedRequest() throws {
        var options = TestEnvironment.serverOptions()
        options.requiredToken = "garden-token"
        let server = try TestAPIServer(options)
        defer { server.stop() }
        let client = try TestEnvironment.client(port: server.port, user: "{token: wrong}")
        #expect(throws: KubeClientError("GET /version: 401 Unauthorized: Unauthorized", status: 401)) {
            try client.serverVersion()
        }
    }
}
