import Foundation

/// Certificates for end-to-end tests: the repository's dev certificates in `certs/` when
/// `scripts/setup` has made them, otherwise a fresh set generated once per test process with the
/// openssl CLI into a temporary directory. `generate(commonName:)` makes extra sets (rotation tests).
enum TestCertificates {
    struct Set: Sendable {
        var directory: String
        var caFile: String { directory + "/ca.crt" }
        var certFile: String { directory + "/tls.crt" }
        var keyFile: String { directory + "/tls.key" }
        var clientCertFile: String { directory + "/client.crt" }
        var clientKeyFile: String { directory + "/client.key" }
    }

    /// The repository root (this file is `Tests/EndToEndTests/Support/TestCertificates.swift`).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `<root>/../shared/fixtures/kube-apiserver`; from a checkout nested one level deeper
    /// (a worktree), the `shared` directory found by walking up.
    static let fixturesDirectory: String = {
        var directory = URL(fileURLWithPath: repositoryRoot)
        for _ in 0..<3 {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/fixtures/kube-apiserver").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return repositoryRoot + "/../shared/fixtures/kube-apiserver"
    }()

    /// The default set: `certs/` if complete, else generated.
    static let standard: Set = {
        let certs = Set(directory: repositoryRoot + "/certs")
        let files = [certs.caFile, certs.certFile, certs.keyFile, certs.clientCertFile, certs.clientKeyFile]
        if files.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) { return certs }
        do {
            return try generate(commonName: "seed-webhooks-test")
        } catch {
            fatalError("cannot make test certificates with the openssl CLI: \(error)")
        }
    }()

    /// A new CA, server certificate (localhost, 127.0.0.1, ::1) and client certificate, ECDSA P-256,
    /// in a new temporary directory.
    static func generate(commonName: String, days: Int = 30) throws -> Set {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("seed-webhooks-certs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = """
        set -e
        cd "\(directory)"
        openssl ecparam -name prime256v1 -genkey -noout -out ca.key
        openssl req -x509 -new -key ca.key -sha256 -days \(days) -subj "/CN=\(commonName) CA" \
          -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt
        openssl ecparam -name prime256v1 -genkey -noout -out tls.key
        openssl req -new -key tls.key -subj "/CN=\(commonName)" -out tls.csr
        printf 'basicConstraints=CA:FALSE\\nkeyUsage=critical,digitalSignature,keyEncipherment\\nextendedKeyUsage=serverAuth\\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\\n' > tls.ext
        openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days \(days) -sha256 -extfile tls.ext -out tls.crt 2>/dev/null
        openssl ecparam -name prime256v1 -genkey -noout -out client.key
        openssl req -new -key client.key -subj "/CN=kube-apiserver" -out client.csr
        printf 'basicConstraints=CA:FALSE\\nkeyUsage=critical,digitalSignature,keyEncipherment\\nextendedKeyUsage=clientAuth\\n' > client.ext
        openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days \(days) -sha256 -extfile client.ext -out client.crt 2>/dev/null
        rm -f tls.csr client.csr tls.ext client.ext ca.srl
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl failed in \(directory)"])
        }
        return Set(directory: directory)
    }
}
