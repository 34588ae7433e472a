import Foundation
import Testing
@testable import KubeClient

struct KubeconfigTests {
    private func config(_ text: String, directory: String = "/etc/garden") throws -> Kubeconfig {
        try Kubeconfig.parse(text, path: "/etc/garden/kubeconfig", directory: directory)
    }

    @Test func resolvesTheCurrentContextWithInlineData() throws {
        let text = """
        apiVersion: v1
        kind: Config
        current-context: b
        contexts:
        - {name: a, context: {cluster: one, user: u1}}
        - {name: b, context: {cluster: two, user: u2, namespace: garden}}
        clusters:
        - {name: one, cluster: {server: "https://one.example:6443"}}
        - name: two
          cluster:
            server: https://[::1]:8443/prefix/
            certificate-authority-data: \(Data("CA PEM".utf8).base64EncodedString())
            tls-server-name: api.garden.example
        users:
        - {name: u1, user: {token: wrong}}
        - name: u2
          user:
            client-certificate-data: \(Data("CERT".utf8).base64EncodedString())
            client-key-data: \(Data("KEY".utf8).base64EncodedString())
            token: secret-token
        """
        let parsed = try config(text)
        #expect(parsed.server == ServerURL(host: "::1", port: 8443, pathPrefix: "/prefix"))
        #expect(parsed.certificateAuthorityPEM == Array("CA PEM".utf8))
        #expect(parsed.tlsServerName == "api.garden.example")
        #expect(parsed.clientCertificatePEM == Array("CERT".utf8))
        #expect(parsed.clientKeyPEM == Array("KEY".utf8))
        #expect(parsed.token == .inline("secret-token"))
        #expect(parsed.namespace == "garden")
        #expect(parsed.insecureSkipTLSVerify == false)
    }

    @Test func readsFilesRelativeToTheKubeconfigDirectory() throws {
        let directory = TestEnvironment.temporaryDirectory()
        TestEnvironment.write("CA FILE", to: directory, as: "ca.crt")
        TestEnvironment.write("CERT FILE", to: directory, as: "client.crt")
        TestEnvironment.write("KEY FILE", to: directory, as: "client.key")
        TestEnvironment.write("file-token\n", to: directory, as: "token")
        let path = TestEnvironment.write("""
        current-context: c
        contexts: [{name: c, context: {cluster: k, user: u}}]
        clusters: [{name: k, cluster: {server: "https://garden.example", certificate-authority: ca.crt, insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {client-certificate: client.crt, client-key: client.key, tokenFile: token}}]
        """, to: directory, as: "kubeconfig")
        let parsed = try Kubeconfig.load(path: path)
        #expect(parsed.server == ServerURL(host: "garden.example", port: 443))
        #expect(parsed.certificateAuthorityPEM == Array("CA FILE".utf8))
        #expect(parsed.clientCertificatePEM == Array("CERT FILE".utf8))
        #expect(parsed.clientKeyPEM == Array("KEY FILE".utf8))
        #expect(parsed.token == .file(directory + "/token"))
        #expect(parsed.insecureSkipTLSVerify)
    }

    @Test func refusesAKubeconfigWithoutCurrentContext() {
        #expect(throws: KubeconfigError(path: "/etc/garden/kubeconfig", "no current-context is set")) {
            try config("contexts: []\nclusters: []\n")
        }
    }

    @Test func refusesACurrentContextThatIsNotDefined() {
        #expect(throws: KubeconfigError(path: "/etc/garden/kubeconfig", "context \"garden\" (the current-context) is not defined")) {
            try config("current-context: garden\ncontexts: [{name: other, context: {cluster: x}}]\n")
        }
    }

    @Test func refusesAClusterThatIsNotDefined() {
        #expect(throws: KubeconfigError(path: "/etc/garden/kubeconfig", "cluster \"x\" of context \"c\" is not defined")) {
            try config("current-context: c\ncontexts: [{name: c, context: {cluster: x}}]\nclusters: []\n")
        }
    }

    @Test func refusesAnUnreadableCertificateAuthorityFile() {
        let text = """
        current-context: c
        contexts: [{name: c, context: {cluster: k}}]
        clusters: [{name: k, cluster: {server: "https://garden.example", certificate-authority: missing/ca.crt}}]
        """
        #expect(throws: KubeconfigError(path: "/etc/garden/kubeconfig",
                                        "cluster \"k\": cannot read certificate-authority /nonexistent/missing/ca.crt: No such file or directory")) {
            try config(text, directory: "/nonexistent")
        }
    }

    @Test func refusesACertificateWithoutKey() {
        let text = """
        current-context: c
        contexts: [{name: c, context: {cluster: k, user: u}}]
        clusters: [{name: k, cluster: {server: "https://garden.example"}}]
        users: [{name: u, user: {client-certificate-data: Q0VSVA==}}]
        """
        #expect(throws: KubeconfigError(path: "/etc/garden/kubeconfig", "user \"u\": a client certificate needs both a certificate and a key")) {
            try config(text)
        }
    }

    @Test func refusesExecCredentials() {
        let text = """
        current-context: c
        contexts: [{name: c, context: {cluster: k, user: u}}]
        clusters: [{name: k, cluster: {server: "https://garden.example"}}]
        users: [{name: u, user: {exec: {command: gke-gcloud-auth-plugin}}}]
        """
        #expect(throws: KubeconfigError(path: "/etc/garden/kubeconfig",
                                        "user \"u\": exec and auth-provider credentials are not supported; use a client certificate or a token")) {
            try config(text)
        }
    }

    @Test func refusesAPlainHTTPServer() {
        let text = """
        current-context: c
        contexts: [{name: c, context: {cluster: k}}]
        clusters: [{name: k, cluster: {server: "http://garden.example"}}]
        """
        #expect(throws: KubeconfigError(path: "/etc/garden/kubeconfig", "cluster \"k\": server \"http://garden.example\" is not an https:// URL")) {
            try config(text)
        }
    }

    @Test func refusesAMissingFile() {
        #expect(throws: KubeconfigError(path: "/nonexistent/kubeconfig", "cannot read the file: No such file or directory")) {
            try Kubeconfig.load(path: "/nonexistent/kubeconfig")
        }
    }
}
