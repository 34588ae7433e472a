import Authorizer
import Foundation
import JSON
import KubeClient
import KubeClientTesting
import Logging

/// `seed-webhooks-bench garden [--shoots N] [--events N] [--client-only]`: the informers against the
/// test API server over TLS on loopback, feeding the authorizer's graph (`LiveGardenState`; with
/// `--client-only` only counting). Measures the initial sync of N shoots plus their references
/// (one Namespace, Project and SecretBinding per 100 shoots, one BackupEntry per shoot, 50
/// Seeds), the rate at which watch events are applied, and the memory the sync added.
/// The server runs in this process and holds its own copy of every object; it is loaded before
/// the first measurement of resident memory, so the growth is the client's and the sink's.
func runGardenBench(_ arguments: [String]) throws {
    var shoots = 100_000
    var events = 20_000
    var clientOnly = false
    var index = 0
    while index < arguments.count {
        let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
        switch arguments[index] {
        case "--shoots": shoots = value ?? shoots; index += 1
        case "--events": events = value ?? events; index += 1
        case "--client-only": clientOnly = true
        default: break
        }
        index += 1
    }

    let certs = FileManager.default.currentDirectoryPath + "/certs"
    var options = TestAPIServer.Options(certificateFile: certs + "/tls.crt", keyFile: certs + "/tls.key")
    options.bookmarkInterval = 60
    let server = try TestAPIServer(options)
    defer { server.stop() }

    let garden = GardenFixture(shoots: shoots)
    for (kind, objects) in garden.collections { server.load(kind.collectionPath, objects) }
    let total = garden.collections.reduce(0) { $0 + $1.1.count }

    let directory = NSTemporaryDirectory() + "garden-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let ca = try Data(contentsOf: URL(fileURLWithPath: certs + "/ca.crt")).base64EncodedString()
    let kubeconfig = """
    current-context: garden
    contexts: [{name: garden, context: {cluster: garden}}]
    clusters: [{name: garden, cluster: {server: "https://127.0.0.1:\(server.port)", certificate-authority-data: \(ca)}}]
    """
    try kubeconfig.write(toFile: directory + "/kubeconfig", atomically: true, encoding: .utf8)
    let client = try KubeClient(kubeconfigPath: directory + "/kubeconfig")

    let rssBefore = residentMemoryBytes()
    let graph = ResourceGraph()
    let sink = CountingSink(clientOnly ? nil : LiveGardenState(graph: graph))
    var logger = Logger(label: "seed-webhooks.garden")
    logger.logLevel = .warning
    let group = InformerGroup(kinds: garden.collections.map(\.0), client: client, sink: sink, logger: logger)
    let start = ContinuousClock.now
    group.start()
    while !group.isSynced { usleep(2_000) }
    let syncSeconds = (ContinuousClock.now - start).seconds
    let rssAfter = residentMemoryBytes()
    let into = clientOnly ? "counted only" : "into the graph (\(graph.vertexCount) vertices, \(graph.edgeCount) edges)"
    print(String(format: "garden: initial sync of %d shoots + %d referenced objects, %@: %.2f s (%.0f objects/s)",
                 shoots, total - shoots, into, syncSeconds, Double(total) / syncSeconds))
    print(String(format: "garden: resident memory added by the sync: %.1f MiB (%.0f bytes/object)",
                 Double(rssAfter - rssBefore) / 1048576, Double(rssAfter - rssBefore) / Double(total)))

    // Watch throughput: changes made as fast as the server takes them, counted when applied.
    let applied = sink.count
    let shootKind = garden.collections[garden.collections.count - 1].0
    let eventStart = ContinuousClock.now
    for i in 0..<events {
        server.apply(shootKind.collectionPath, GardenFixture.shoot(i % shoots, seeds: garden.seeds, generation: 2 + i / shoots, projects: garden.projects))
    }
    while sink.count < applied + events { usleep(1_000) }
    let eventSeconds = (ContinuousClock.now - eventStart).seconds
    print(String(format: "garden: %d watch events applied in %.2f s (%.0f events/s)", events, eventSeconds, Double(events) / eventSeconds))
    group.stop()

    // The same objects through the file source's path (one state, one diff), for comparison.
    let fileStart = ContinuousClock.now
    let all = garden.collections.flatMap(\.1)
    let fileGraph = ResourceGraph()
    fileGraph.apply(try GardenState(objects: all, now: Date().timeIntervalSince1970).events(from: GardenState()))
    print(String(format: "garden: the same objects as one state (the --state path): %.2f s", (ContinuousClock.now - fileStart).seconds))
}

/// Applies events to the graph (unless nil) and counts them.
final class CountingSink: InformerSink, @unchecked Sendable {
    // `applied` is only touched under `lock`; `state` is thread-safe.
    private let lock = NSLock()
    private var applied = 0
    private let state: LiveGardenState?
    init(_ state: LiveGardenState?) { self.state = state }
    func apply(_ events: [ObjectEvent], of kind: ResourceKind) {
        state?.apply(events.map { ($0.type == .deleted ? .delete : .upsert, $0.object) })
        lock.withLock { applied += events.count }
    }
    func synced(_ kind: ResourceKind) {}
    var count: Int { lock.withLock { applied } }
}

/// A generated garden: shoots spread over projects, with their namespaces, bindings, backup
/// entries and seeds. Shoots come last so that `collections.last` is the shoot collection.
struct GardenFixture {
    let seeds: Int
    let projects: Int
    let collections: [(ResourceKind, [JSONValue])]

    init(shoots: Int, seeds: Int = 50) {
        self.seeds = seeds
        let projects = max(1, shoots / 100)
        self.projects = projects
        func kind(_ resource: String) -> ResourceKind {
            ResourceKind.gardenGraph.first { $0.resource == resource } ?? ResourceKind(group: "", version: "v1", resource: resource, kind: resource)
        }
        let namespaces = (0..<projects).map { p in
            Self.object("v1", "Namespace", nil, "garden-p\(p)", labels: ["project.gardener.cloud/name": "p\(p)"], spec: [:])
        }
        let projectObjects = (0..<projects).map { p in
            Self.object("core.gardener.cloud/v1beta1", "Project", nil, "p\(p)", spec: ["namespace": .string("garden-p\(p)")])
        }
        let bindings = (0..<projects).map { p in
            var binding = Self.object("core.gardener.cloud/v1beta1", "SecretBinding", "garden-p\(p)", "credentials", spec: [:])
            binding["secretRef"] = .object(JSONObject(["name": .string("cloud-secret"), "namespace": .string("garden-p\(p)")]))
            binding["spec"] = nil
            return binding
        }
        let seedObjects = (0..<seeds).map { s in
            Self.object("core.gardener.cloud/v1beta1", "Seed", nil, "seed-\(s)",
                        spec: ["backup": .object(JSONObject(["credentialsRef": .object(JSONObject([
                            "apiVersion": .string("v1"), "kind": .string("Secret"), "namespace": .string("garden"), "name": .string("backup-seed-\(s)"),
                        ]))]))])
        }
        let entries = (0..<shoots).map { i in
            Self.object("core.gardener.cloud/v1beta1", "BackupEntry", "garden-p\(i % projects)", "shoot--p\(i % projects)--s\(i)",
                        spec: ["bucketName": .string("bucket-\(i % seeds)"), "seedName": .string("seed-\(i % seeds)")])
        }
        let shootObjects = (0..<shoots).map { Self.shoot($0, seeds: seeds, generation: 1, projects: projects) }
        collections = [
            (kind("namespaces"), namespaces), (kind("projects"), projectObjects), (kind("secretbindings"), bindings),
            (kind("seeds"), seedObjects), (kind("backupentries"), entries), (kind("shoots"), shootObjects),
        ]
    }

    static func shoot(_ i: Int, seeds: Int, generation: Int, projects: Int? = nil) -> JSONValue {
        let p = i % (projects ?? 1000)
        var shoot = object("core.gardener.cloud/v1beta1", "Shoot", "garden-p\(p)", "s\(i)",
                           labels: ["name.seed.gardener.cloud/seed-\(i % seeds)": "true"],
                           spec: ["cloudProfile": .object(JSONObject(["kind": .string("CloudProfile"), "name": .string("local")])),
                                  "secretBindingName": .string("credentials"), "seedName": .string("seed-\(i % seeds)"),
                                  "kubernetes": .object(JSONObject(["version": .string("1.33.2")])),
                                  "region": .string("local"), "provider": .object(JSONObject(["type": .string("local")]))])
        shoot["metadata"]?["generation"] = .number(String(generation))
        shoot["status"] = .object(JSONObject(["seedName": .string("seed-\(i % seeds)"), "technicalID": .string("shoot--p\(p)--s\(i)")]))
        return shoot
    }

    static func object(_ apiVersion: String, _ kind: String, _ namespace: String?, _ name: String,
                       labels: [String: String] = [:], spec: [String: JSONValue]) -> JSONValue {
        var metadata = JSONObject(["name": .string(name)])
        if let namespace { metadata["namespace"] = .string(namespace) }
        metadata["uid"] = .string("00000000-0000-0000-0000-\(String(format: "%012d", abs(name.hashValue) % 1_000_000_000_000))")
        if !labels.isEmpty {
            metadata["labels"] = .object(JSONObject(labels.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key, value: .string($0.value)) }))
        }
        var object = JSONObject(["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .object(metadata)])
        if !spec.isEmpty {
            object["spec"] = .object(JSONObject(spec.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key, value: $0.value) }))
        }
        return .object(object)
    }
}

/// VmRSS of this process, in bytes.
func residentMemoryBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let digits = line.filter(\.isNumber)
        return (Int(digits) ?? 0) * 1024
    }
    return 0
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
