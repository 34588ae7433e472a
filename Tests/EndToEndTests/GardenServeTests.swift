import Authorizer
import Foundation
import JSON
import KubeClient
import KubeClientTesting
import Testing

/// `seed-webhooks serve --kubeconfig`: the process against the test API server. A garden that
/// cannot be used stops the process at start with its reason; a usable one makes `/readyz` wait
/// for the first lists, and the authorizer then decides as it does with `--state` for the same objects.
struct GardenServeTests {
    static let certs = RepositoryPaths.file("certs").path

    /// Runs `seed-webhooks serve` with `arguments`; returns the exit status and stderr once it exits.
    private func serveUntilExit(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = ReadmeServer.executable
        process.arguments = ["serve", "--config", "examples/config.yaml", "--state", "",
                             "--listen", "127.0.0.1:0", "--probe-listen", ""] + arguments
        process.currentDirectoryURL = RepositoryPaths.root
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The plain last line `serve` writes for a fatal start error.
    private func reason(_ stderr: String) -> String {
        stderr.split(separator: "\n").last { $0.hasPrefix("seed-webhooks: ") }.map(String.init) ?? stderr
    }

    private func kubeconfig(port: UInt16, caFile: String = certs + "/ca.crt", context: String = "garden") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("garden-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("kubeconfig").path
        try """
        current-context: \(context)
        contexts: [{name: garden, context: {cluster: garden}}]
        clusters: [{name: garden, cluster: {server: "https://127.0.0.1:\(port)", certificate-authority: \(caFile)}}]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func stopsAtStartWhenTheGardenRefusesConnections() throws {
        let port = try UInt16(ReadmeWalkthrough.freePort())
        let path = try kubeconfig(port: port)
        let result = try serveUntilExit(["--kubeconfig", path])
        #expect(result.status == 1)
        #expect(reason(result.stderr) == "seed-webhooks: kubeconfig \(path): cannot connect to https://127.0.0.1:\(port): Connection refused")
    }

    @Test func stopsAtStartWhenTheCurrentContextIsMissing() throws {
        let path = try kubeconfig(port: 1, context: "virtual-garden")
        let result = try serveUntilExit(["--kubeconfig", path])
        #expect(result.status == 1)
        #expect(reason(result.stderr) == "seed-webhooks: kubeconfig: kubeconfig \(path): context \"virtual-garden\" (the current-context) is not defined")
    }

    @Test func stopsAtStartWhenTheGardenCertificateIsNotTrusted() throws {
        var options = TestAPIServer.Options(certificateFile: Self.certs + "/tls.crt", keyFile: Self.certs + "/tls.key")
        options.bookmarkInterval = 60
        let server = try TestAPIServer(options)
        defer { server.stop() }
        // The client certificate of certs/ is not a CA: nothing the server presents chains to it.
        let path = try kubeconfig(port: server.port, caFile: Self.certs + "/client.crt")
        let result = try serveUntilExit(["--kubeconfig", path])
        #expect(result.status == 1)
        #expect(reason(result.stderr) == "seed-webhooks: kubeconfig \(path): TLS handshake with https://127.0.0.1:\(server.port) failed: certificate verify failed: unable to get local issuer certificate")
    }

    @Test func becomesReadyAfterTheFirstListsAndDecidesAsTheStateFileSource() throws {
        var options = TestAPIServer.Options(certificateFile: Self.certs + "/tls.crt", keyFile: Self.certs + "/tls.key")
        options.bookmarkInterval = 60
        let server = try TestAPIServer(options)
        defer { server.stop() }
        let directory = RepositoryPaths.file("examples/garden").path
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where file.hasSuffix(".yaml") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)))
            for object in try ManifestDecoder.objects(in: bytes, source: file) {
                if let collection = Self.collection(of: object) { server.load(collection, [object]) }
            }
        }
        let live = try ServeProcess(["--state", "", "--kubeconfig", try kubeconfig(port: server.port)])
        defer { live.stop() }
        let files = try ServeProcess(["--state", "examples/garden"])
        defer { files.stop() }
        #expect(server.statistics.lists >= 15)
        #expect(try live.get("/metrics").contains("seed_webhooks_garden_objects{resource=\"shoots.core.gardener.cloud\"} 5"))

        var answers: [String] = []
        for (user, namespace, name) in [("aws-eu1", "garden-ops", "monitoring"), ("aws-eu1", "garden-dev", "api"), ("soil", "garden-ops", "monitoring"),
                                        ("soil", "garden", "aws-eu1"), ("aws-eu1", "garden-dev", "web")] {
            let review = #"{"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{},"spec":{"resourceAttributes":{"namespace":"\#(namespace)","verb":"get","group":"core.gardener.cloud","version":"v1beta1","resource":"shoots","name":"\#(name)"},"user":"gardener.cloud:system:seed:\#(user)","groups":["gardener.cloud:system:seeds","system:authenticated"]},"status":{"allowed":false}}"#
            let answer = try live.post("/webhooks/auth/seed", review)
            #expect(answer == (try files.post("/webhooks/auth/seed", review)))
            answers.append(answer)
        }
        #expect(answers[0].contains(#""allowed":false,"reason":"no relationship found""#))
        #expect(answers[1].contains(#""allowed":true"#))
    }

    @Test func mutatesServicesForTheRuntimeVersionReadThroughItsKubeconfig() throws {
        var options = TestAPIServer.Options(certificateFile: Self.certs + "/tls.crt", keyFile: Self.certs + "/tls.key")
        options.gitVersion = "v1.31.4"
        let runtime = try TestAPIServer(options)
        defer { runtime.stop() }
        let discovered = try ServeProcess(["--traffic-distribution-kubeconfig", try kubeconfig(port: runtime.port)])
        defer { discovered.stop() }
        let fixed = try ServeProcess(["--traffic-distribution-kubernetes-version", "1.31"])
        defer { fixed.stop() }
        let review = try String(contentsOf: RepositoryPaths.file("examples/reviews/admissionreview-service-opts-into-traffic-distribution.json"), encoding: .utf8)
        let answer = try discovered.post("/webhooks/mutate/traffic-distribution", review)
        #expect(answer == (try fixed.post("/webhooks/mutate/traffic-distribution", review)))
        #expect(answer.contains(#""patchType":"JSONPatch""#))
        #expect(runtime.statistics.versionRequests == 1)
    }

    @Test func stopsAtStartWhenTheRuntimeClusterCannotBeRead() throws {
        let port = try UInt16(ReadmeWalkthrough.freePort())
        let path = try kubeconfig(port: port)
        let result = try serveUntilExit(["--traffic-distribution-kubeconfig", path])
        #expect(result.status == 1)
        #expect(reason(result.stderr) == "seed-webhooks: trafficDistribution.kubeconfig \(path): cannot connect to https://127.0.0.1:\(port): Connection refused")
    }

    /// The informed collection of an object; nil for kinds the informers do not watch (the file
    /// source ignores those too).
    @Test func staysUnreadyUntilEveryFirstListIsIn() throws {
        var options = TestAPIServer.Options(certificateFile: Self.certs + "/tls.crt", keyFile: Self.certs + "/tls.key")
        options.bookmarkInterval = 60
        let server = try TestAPIServer(options)
        defer { server.stop() }
        server.failNextRequests("/apis/core.gardener.cloud/v1beta1/shoots", count: 1_000_000)
        let process = try ServeProcess(["--state", "", "--kubeconfig", try kubeconfig(port: server.port)], waitForReady: false)
        defer { process.stop() }
        var body = ""
        for _ in 0..<200 {
            body = try process.get("/readyz")
            if body.contains("last error") { break }
            usleep(50_000)
        }
        #expect(body == "not ready:\ngarden: waiting for the initial list of shoots.core.gardener.cloud (last error: GET /apis/core.gardener.cloud/v1beta1/shoots: 500 Internal Server Error: injected failure)\n")
        server.failNextRequests("/apis/core.gardener.cloud/v1beta1/shoots", count: 0)
        // The informer retries with backoff (0.8 s doubling, 30 s at most): on a loaded machine
        // several failures may have passed before the first poll saw one.
        var attempts = 0
        while try process.get("/readyz") != "ok", attempts < 1_400 {
            attempts += 1
            usleep(50_000)
        }
        #expect(try process.get("/readyz") == "ok")
    }

    static func collection(of object: JSONValue) -> String? {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let kind = object["kind"]?.stringValue ?? ""
        return ResourceKind.gardenGraph.first { $0.group == group && $0.kind == kind }?.collectionPath
    }
}

/// A `seed-webhooks serve` process on free loopback ports, started from the repository root and
/// waited for until `/readyz` answers 200.
final class ServeProcess {
    let port: Int
    let probePort: Int
    let process = Process()
    let log: URL

    /// - Parameter waitForReady: wait until `/readyz` is 200 (else only until the process answers it).
    init(_ arguments: [String], waitForReady: Bool = true) throws {
        port = try ReadmeWalkthrough.freePort()
        probePort = try ReadmeWalkthrough.freePort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("seed-webhooks-garden-\(getpid())-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = ReadmeServer.executable
        process.arguments = ["serve", "--config", "examples/config.yaml",
                             "--listen", "127.0.0.1:\(port)", "--probe-listen", "127.0.0.1:\(probePort)"] + arguments
        process.currentDirectoryURL = RepositoryPaths.root
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard process.isRunning else { throw ToolFailure(description: "serve exited:\n\(output)") }
            let code = try? curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(probePort)/readyz"])
            if code == "200" || (!waitForReady && code == "503") { return }
            usleep(50_000)
        }
        stop()
        throw ToolFailure(description: "serve was not ready within 30 s:\n\(output)")
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    func get(_ path: String) throws -> String {
        try curl(["-s", "http://127.0.0.1:\(probePort)\(path)"])
    }

    func post(_ path: String, _ body: String) throws -> String {
        try curl(["-s", "--cacert", RepositoryPaths.file("certs/ca.crt").path, "-H", "Content-Type: application/json",
                  "--data-binary", body, "https://127.0.0.1:\(port)\(path)"])
    }

    private func curl(_ arguments: [String]) throws -> String {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["--max-time", "5"] + arguments
        let out = Pipe()
        curl.standardOutput = out
        curl.standardError = FileHandle.nullDevice
        try curl.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }

    deinit { stop() }
}
