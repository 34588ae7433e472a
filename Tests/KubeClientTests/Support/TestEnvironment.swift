import Foundation
import JSON
import KubeClient
import KubeClientTesting

/// Paths and builders the client tests share: the development certificates of `certs/`
/// (made by scripts/setup), kubeconfigs written to a temporary directory, and test API servers.
enum TestEnvironment {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let certs = repositoryRoot.appendingPathComponent("certs").path

    static var caFile: String { certs + "/ca.crt" }
    static var serverCertificate: String { certs + "/tls.crt" }
    static var serverKey: String { certs + "/tls.key" }
    static var clientCertificate: String { certs + "/client.crt" }
    static var clientKey: String { certs + "/client.key" }

    static func read(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func base64(_ path: String) -> String { Data(read(path)).base64EncodedString() }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "kubeclient-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to `directory/name` and returns the path.
    @discardableResult
    static func write(_ text: String, to directory: String, as name: String) -> String {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static func serverOptions() -> TestAPIServer.Options {
        var options = TestAPIServer.Options(certificateFile: serverCertificate, keyFile: serverKey)
        options.bookmarkInterval = 0.2
        return options
    }

    /// A kubeconfig for `port` that trusts the development CA (inline data).
    static func kubeconfig(port: UInt16, user: String = "{}", cluster extra: String = "") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: garden
        contexts:
        - name: garden
          context:
            cluster: garden
            user: admin
        clusters:
        - name: garden
          cluster:
            server: https://127.0.0.1:\(port)
            certificate-authority-data: \(base64(caFile))
        \(extra)
        users:
        - name: admin
          user: \(user)
        """
    }

    static func client(port: UInt16, user: String = "{}", options: KubeClientOptions = fastOptions()) throws -> KubeClient {
        let directory = temporaryDirectory()
        let path = write(kubeconfig(port: port, user: user), to: directory, as: "kubeconfig")
        return try KubeClient(kubeconfigPath: path, options: options)
    }

    /// Bounds that fail a broken test in seconds, yet leave a loaded machine (parallel tests,
    /// key generation) time for a TLS handshake. Tests of the timeouts set their own.
    static func fastOptions() -> KubeClientOptions {
        var options = KubeClientOptions()
        options.connectTimeout = 10
        options.handshakeTimeout = 10
        options.requestTimeout = 30
        return options
    }

    /// Makes a second, unrelated CA and a server certificate for 127.0.0.1 signed by it (openssl CLI).
    static func foreignCA() throws -> (caFile: String, certificate: String, key: String) {
        let directory = temporaryDirectory()
        let script = """
        set -e
        cd '\(directory)'
        openssl ecparam -name prime256v1 -genkey -noout -out ca.key
        openssl req -x509 -new -key ca.key -sha256 -days 2 -subj '/CN=foreign CA' -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign' -out ca.crt
        openssl ecparam -name prime256v1 -genkey -noout -out tls.key
        openssl req -new -key tls.key -subj '/CN=foreign' -out tls.csr
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nextendedKeyUsage=serverAuth,clientAuth\\n' > ext
        openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -sha256 -extfile ext -out tls.crt
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (directory + "/ca.crt", directory + "/tls.crt", directory + "/tls.key")
    }
}
