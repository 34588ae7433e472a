import Foundation
import Testing

/// The `seed-webhooks` executable: `config check` and `serve` from start to SIGTERM.
struct ServerCommandTests {
    static let binary = TestCertificates.repositoryRoot + "/.build/debug/seed-webhooks"

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Writes `yaml` to a temporary file.
    static func configFile(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static var certs: TestCertificates.Set { TestCertificates.standard }

    @Test func configCheckPrintsEverySettingItWouldRunWith() throws {
        let file = try Self.configFile("""
        tls:
          certFile: \(Self.certs.certFile)
          keyFile: \(Self.certs.keyFile)
        limits:
          maxBodyBytes: 1024
          readHeaderTimeout: 1m30s
        authorizeWithSelectors: auto
        trafficDistribution:
          kubernetesVersion: 1.31
        """)
        let result = try Self.run(["config", "check", file])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
        listen: ":2721"
        probeListen: ":2722"
        tls:
          certFile: "\(Self.certs.certFile)"
          keyFile: "\(Self.certs.keyFile)"
          clientCAFile: ""
          minVersion: "1.2"
        limits:
          maxHeaderBytes: 1048576
          maxBodyBytes: 1024
          readHeaderTimeout: 90s
          readBodyTimeout: 30s
          writeTimeout: 30s
          idleTimeout: 2m
          maxConnections: 10000
        shutdownGracePeriod: 30s
        eventLoops: 0
        logLevel: info
        enableDebugHandlers: false
        state: ""
        kubeconfig: ""
        authorizeWithSelectors: "auto"
        versionClassificationLifecycle: true
        migrateLegacyClassification: false
        tokenRequestor:
          class: ""
          caBundleFile: ""
        trafficDistribution:
          kubernetesVersion: "1.31"
          kubeconfig: ""
          label: "resources.gardener.cloud/topology-aware-routing"

        """)
    }

    @Test(arguments: [
        ("limits:\n  maxBodyBytes: lots\n", "limits.maxBodyBytes: expected an integer, got \"lots\""),
        ("limit:\n  maxBodyBytes: 1\n", "limit: unknown key"),
        ("limits:\n  maxBodyByte: 1\n", "limits.maxBodyByte: unknown key"),
        ("limits:\n  readHeaderTimeout: 10\n", "limits.readHeaderTimeout: expected a duration such as \"10s\" or \"1m30s\", got 10"),
        ("enableDebugHandlers: \"yes\"\n", "enableDebugHandlers: expected true or false, got \"yes\""),
        ("listen: 2721\n", "listen: expected a string, got the number 2721"),
        ("tls:\n  minVersion: \"1.1\"\n", "tls.minVersion: must be \"1.2\" or \"1.3\", not \"1.1\""),
        ("authorizeWithSelectors: maybe\n", "authorizeWithSelectors: must be \"true\", \"false\" or \"auto\", not \"maybe\""),
        ("tls: [a]\n", "tls: expected a mapping"),
        ("logLevel: loud\n", "logLevel: must be one of trace, debug, info, notice, warning, error, critical, not \"loud\""),
    ])
    func configCheckRefusesNamingFileKeyAndReason(yaml: String, message: String) throws {
        let file = try Self.configFile(yaml)
        let result = try Self.run(["config", "check", file])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "\(file): \(message)\n")
    }

    @Test func configCheckRefusesAMissingCertificateFile() throws {
        let file = try Self.configFile("tls:\n  certFile: /nonexistent/tls.crt\n  keyFile: \(Self.certs.keyFile)\n")
        let result = try Self.run(["config", "check", file])
        #expect(result.status == 1)
        #expect(result.stderr == "\(file): tls.certFile: /nonexistent/tls.crt: No such file or directory\n")
    }

    @Test func serveAnswersThenDrainsAndExitsZeroOnSIGTERM() throws {
        let file = try Self.configFile("""
        listen: "127.0.0.1:0"
        probeListen: ""
        tls:
          certFile: \(Self.certs.certFile)
          keyFile: \(Self.certs.keyFile)
        shutdownGracePeriod: 5s
        """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        // A flag overrides the file.
        process.arguments = ["serve", "--config", file, "--event-loops", "1"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The JSON log line "serving" carries the bound port.
        var logged = ""
        var port: Int?
        while port == nil {
            let data = err.fileHandleForReading.availableData
            try #require(!data.isEmpty, "serve exited early: \(logged)")
            logged += String(decoding: data, as: UTF8.self)
            for line in logged.split(separator: "\n") where line.contains(#""msg":"serving""#) {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["eventLoops"] as? String == "1")
                port = (object?["port"] as? String).flatMap(Int.init)
            }
        }
        let client = try TLSTestClient(port: try #require(port), caFile: Self.certs.caFile)
        #expect(try client.request("GET", "/healthz").text == "ok")
        process.terminate()  // SIGTERM
        // Bounded: a server that ignored SIGTERM fails the test instead of hanging it.
        for _ in 0..<2000 where process.isRunning { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect((logged + rest).contains(#""msg":"stopped""#))
    }
}
