import Authorizer
import Foundation
import JSON
import Prometheus
import Synchronization
import Testing

struct StateSourceTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("seed-webhooks-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func shootYAML(seed: String) -> String {
        """
        apiVersion: core.gardener.cloud/v1beta1
        kind: Shoot
        metadata:
          name: a
          namespace: garden-local
        spec:
          seedName: \(seed)
        """
    }

    /// Replaces a file the way editors and ConfigMap updates do: write aside, then rename.
    static func write(_ text: String, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".tmp-\(UUID().uuidString)")
        try text.write(to: temporary, atomically: false, encoding: .utf8)
        _ = rename(temporary.path, url.path)
    }

    static func reaches(_ graph: ResourceGraph, _ seed: String) -> Bool {
        graph.hasPath(from: VertexName(.shoot, "garden-local", "a"), to: VertexName(.seed, "", seed))
    }

    @Test func readsYAMLDocumentsJSONAndLists() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try (Self.shootYAML(seed: "local") + "\n---\n# empty\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ignored}\n")
            .write(to: directory.appendingPathComponent("shoots.yaml"), atomically: true, encoding: .utf8)
        try #"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"core.gardener.cloud/v1beta1","kind":"Project","metadata":{"name":"local"},"spec":{"namespace":"garden-local"}}]}"#
            .write(to: directory.appendingPathComponent("projects.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("..data"), withIntermediateDirectories: true)
        try "not: [valid".write(to: directory.appendingPathComponent("..data/hidden.yaml"), atomically: true, encoding: .utf8)
        let graph = ResourceGraph()
        let summary = try StateSource(path: directory.path, graph: graph).loadNow()
        #expect(summary.objects == 2)
        #expect(graph.hasPath(from: VertexName(.project, "", "local"), to: VertexName(.seed, "", "local")))
    }

    @Test func aBrokenFileIsReportedAndTheOldStateKept() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("garden.yaml")
        try Self.write(Self.shootYAML(seed: "local"), to: file)
        let registry = PrometheusCollectorRegistry()
        let metrics = AuthorizerMetrics(registry: registry)
        let graph = ResourceGraph(observer: metrics)
        let source = StateSource(path: directory.path, graph: graph, metrics: metrics)
        try source.loadNow()
        try Self.write("apiVersion: core.gardener.cloud/v1beta1\nkind: Shoot\nmetadata: [broken\n", to: file)
        #expect(throws: StateError.self) { try source.loadNow() }
        #expect(source.lastError?.hasPrefix("\(file.path): invalid YAML") == true)
        #expect(source.readinessReason == nil)  // a state was loaded before
        #expect(Self.reaches(graph, "local"))
        #expect(registry.emitToString().contains("seed_webhooks_state_reload_failures_total 1"))
    }

    @Test func aBrokenFirstStateKeepsTheServiceUnready() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "kind: Shoot\napiVersion: core.gardener.cloud/v1beta1\nmetadata: {namespace: x}\n"
            .write(to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let source = StateSource(path: directory.path, graph: ResourceGraph())
        #expect(throws: StateError("object 1 (Shoot): metadata.name is missing")) { try source.loadNow() }
        #expect(source.readinessReason == "garden state not loaded: object 1 (Shoot): metadata.name is missing")
    }

    @Test func hotReloadWhileRequestsFlow() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("garden.yaml")
        try Self.write(Self.shootYAML(seed: "local"), to: file)
        let graph = ResourceGraph()
        let source = StateSource(path: directory.path, graph: graph, pollInterval: 0.2)
        let readiness = Mutex<[String?]>([])
        source.start { reason in readiness.withLock { $0.append(reason) } }
        defer { source.stop() }
        let authorizer = SeedAuthorizer(graph: graph)
        let request = TestGarden.gardenlet("local", "get", "core.gardener.cloud", "shoots", namespace: "garden-local", name: "a")

        func waitFor(_ condition: () -> Bool) -> Bool {
            for _ in 0..<1000 where !condition() { usleep(10_000) }
            return condition()
        }
        #expect(waitFor { source.readinessReason == nil })
        #expect(try authorizer.authorize(request).decision == .allow)

        // Requests keep flowing on another thread while the file changes.
        let stop = Atomic<Bool>(false)
        let failures = Atomic<Int>(0)
        let answered = Atomic<Int>(0)
        let worker = Thread {
            while !stop.load(ordering: .relaxed) {
                do {
                    _ = try authorizer.authorize(request)
                    answered.add(1, ordering: .relaxed)
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        worker.start()
        try Self.write(Self.shootYAML(seed: "other"), to: file)
        #expect(waitFor { (try? authorizer.authorize(request).decision) == .noOpinion(reason: "no relationship found") })
        #expect(Self.reaches(graph, "other"))
        try Self.write(Self.shootYAML(seed: "local"), to: file)
        #expect(waitFor { (try? authorizer.authorize(request).decision) == .allow })
        stop.store(true, ordering: .relaxed)
        while !worker.isFinished { usleep(1_000) }
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(answered.load(ordering: .relaxed) > 0)
        #expect(readiness.withLock { $0.last } == .some(nil))
    }
}
