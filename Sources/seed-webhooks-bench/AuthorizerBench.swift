import Authorizer
import Foundation
import Prometheus
import Webhooks

// `seed-webhooks-bench authorizer [--seeds N] [--shoots N] [--iterations N]`: the Seed Authorizer
// in-process on a generated garden (default 10,000 seeds / 100,000 shoots, ≈1M vertices):
// state load, memory per vertex, path checks (p50/p99, high fan-out included), update throughput,
// write-lock hold per batch, and SubjectAccessReview decode+decide per kube-apiserver fixture.
func runAuthorizerBench(_ arguments: [String]) throws {
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else {
            return fallback
        }
        return value
    }
    let garden = SyntheticGarden(seeds: option("--seeds", 10_000), shoots: option("--shoots", 100_000))
    let iterations = option("--iterations", 200_000)

    // 0. The graph alone: built from decoded objects, so its resident memory is not mixed with
    //    freed JSON trees that malloc keeps for reuse.
    do {
        let (objects, projects) = garden.objects()
        let events = GardenState(objects, namespaceProjects: projects, now: Date().timeIntervalSince1970).events(from: GardenState())
        let rssBefore = residentBytes()
        let graph = ResourceGraph()
        let start = now()
        var offset = 0
        while offset < events.count {
            graph.apply(events[offset..<min(offset + 64, events.count)])
            offset += 64
        }
        let seconds = now() - start
        let bytes = residentBytes() - rssBefore
        print(String(format: "authorizer: graph alone: %d vertices, %d edges built from %d events in %.2f s (%.0f events/s), resident +%.0f MB = %.0f bytes per vertex",
                     graph.vertexCount, graph.edgeCount, events.count, seconds, Double(events.count) / seconds,
                     Double(bytes) / 1e6, Double(bytes) / Double(max(1, graph.vertexCount))))
    }

    // 1. State load from JSON lists on disk (parse, decode, diff against empty, apply in batches).
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-webhooks-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var bytes = 0
    for (name, text) in garden.manifests() {
        try text.write(to: directory.appendingPathComponent(name), atomically: false, encoding: .utf8)
        bytes += text.utf8.count
    }
    let rssBefore = residentBytes()
    let registry = PrometheusCollectorRegistry()
    let metrics = AuthorizerMetrics(registry: registry)
    let graph = ResourceGraph(observer: metrics)
    let source = StateSource(path: directory.path, graph: graph, metrics: metrics)
    let loadStart = now()
    let summary = try source.loadNow()
    let loadSeconds = now() - loadStart
    let rssAfter = residentBytes()
    let vertices = graph.vertexCount, edges = graph.edgeCount
    print(String(format: "authorizer: garden %d seeds, %d shoots: %d objects, %d vertices, %d edges (%.0f MB JSON)",
                 garden.seeds, garden.shoots, summary.objects, vertices, edges, Double(bytes) / 1e6))
    print(String(format: "authorizer: state load %.2f s (%.0f objects/s, %d graph events)",
                 loadSeconds, Double(summary.objects) / loadSeconds, summary.events))
    print(String(format: "authorizer: resident memory +%.0f MB after load = %.0f bytes per vertex (graph + loaded state)",
                 Double(rssAfter - rssBefore) / 1e6, Double(rssAfter - rssBefore) / Double(max(1, vertices))))

    // 2. Path checks through the authorizer (identity, rule table, graph), with metrics on.
    let authorizer = SeedAuthorizer(graph: graph)
    func gardenlet(_ seed: String, _ verb: String, _ group: String, _ resource: String, _ namespace: String, _ name: String) -> AuthorizationAttributes {
        AuthorizationAttributes(user: "gardener.cloud:system:seed:\(seed)", groups: ["gardener.cloud:system:seeds", "system:authenticated"],
                                verb: verb, namespace: namespace, group: group, version: "v1beta1", resource: resource, name: name)
    }
    let core = "core.gardener.cloud"
    let shootIndex = garden.shoots / 2 + 7
    let ownSeed = garden.shootSeed(shootIndex), shootNamespace = garden.shootNamespace(shootIndex)
    let cases: [(String, AuthorizationAttributes, Bool)] = [
        ("get own shoot", gardenlet(ownSeed, "get", core, "shoots", shootNamespace, garden.shootName(shootIndex)), true),
        ("get shoot of other seed", gardenlet(garden.seedName((shootIndex + 1) % garden.seeds), "get", core, "shoots", shootNamespace, garden.shootName(shootIndex)), false),
        ("secret via secretbinding", gardenlet(ownSeed, "get", "", "secrets", shootNamespace, "aws-credentials"), true),
        ("implicit shoot secret", gardenlet(ownSeed, "get", "", "secrets", shootNamespace, garden.shootName(shootIndex) + ".ssh-keypair"), true),
        ("CloudProfile (all shoots) from lonely", gardenlet("lonely", "get", core, "cloudprofiles", "", "aws"), true),
        ("ExposureClass (all shoots) from lonely", gardenlet("lonely", "get", core, "exposureclasses", "", "internet"), true),
        ("Namespace (\(garden.bigProjectShoots) shoots) from lonely", gardenlet("lonely", "get", "", "namespaces", "garden-p0", "garden-p0"), true),
        ("ControllerRegistration (every seed) from lonely", gardenlet("lonely", "get", core, "controllerregistrations", "", "provider"), true),
        ("CloudProfile from seed without shoots", gardenlet("nowhere", "get", core, "cloudprofiles", "", "aws"), false),
        ("Project (→ namespace) from lonely", gardenlet("lonely", "get", core, "projects", "", "p0"), true),
    ]
    let perCase = max(1_000, iterations / cases.count)
    var all: [UInt64] = []
    for (name, attributes, expected) in cases {
        var samples = [UInt64](repeating: 0, count: perCase)
        for index in 0..<perCase {
            let start = nanoseconds()
            let verdict = try authorizer.authorize(attributes)
            samples[index] = nanoseconds() - start
            if index == 0, verdict.isAllowed != expected { print("authorizer: UNEXPECTED decision for \(name): \(verdict.decision)") }
        }
        all += samples
        print("authorizer: check \(name): " + percentiles(&samples))
    }
    print("authorizer: check all cases: " + percentiles(&all))

    // The graph check alone, without metrics, for the fan-out cases.
    let bare = ResourceGraph()
    try StateSource(path: directory.path, graph: bare).loadNow()
    for (from, seed) in [(VertexName(.cloudProfile, "", "aws"), "lonely"), (VertexName(.namespace, "", "garden-p0"), "lonely"),
                         (VertexName(.cloudProfile, "", "aws"), "nowhere"), (VertexName(.shoot, shootNamespace, garden.shootName(shootIndex)), ownSeed)] {
        var samples = [UInt64](repeating: 0, count: perCase)
        let to = VertexName(.seed, "", seed)
        for index in 0..<perCase {
            let start = nanoseconds()
            _ = bare.hasPath(from: from, to: to)
            samples[index] = nanoseconds() - start
        }
        print("authorizer: hasPath \(from) → \(seed) (no metrics): " + percentiles(&samples))
    }

    // Metrics cost: the same decision on the graph without an observer, and one decision counter increment.
    do {
        let bareAuthorizer = SeedAuthorizer(graph: bare)
        var samples = [UInt64](repeating: 0, count: perCase)
        for index in 0..<perCase {
            let start = nanoseconds()
            _ = try bareAuthorizer.authorize(cases[0].1)
            samples[index] = nanoseconds() - start
        }
        print("authorizer: check \(cases[0].0) without metrics: " + percentiles(&samples))
        let rounds = 1_000_000
        let start = nanoseconds()
        for _ in 0..<rounds { metrics.recordDecision(.allow, resource: "shoots.core.gardener.cloud") }
        print(String(format: "authorizer: decision counter increment %.1f ns", Double(nanoseconds() - start) / Double(rounds)))
    }

    // 3. Update throughput: shoots move to another seed and back (Shoot handler with all its edges).
    let updates = min(50_000, garden.shoots)
    var before: [GardenObject] = []
    var after: [GardenObject] = []
    for index in 0..<updates {
        let name = garden.shootName(index), namespace = garden.shootNamespace(index)
        let old = ShootReferences(namespace: namespace, name: name, uid: "uid-\(name)", secretBindingName: "aws",
                                  cloudProfile: CloudProfileReference(kind: "CloudProfile", name: "aws"),
                                  specSeedName: garden.shootSeed(index), statusSeedName: garden.shootSeed(index), exposureClassName: "internet")
        var new = old
        new.specSeedName = garden.seedName((index + 1) % garden.seeds)
        before.append(.shoot(old))
        after.append(.shoot(new))
    }
    let moves = zip(before, after).map { GraphEvent.updated(old: $0, new: $1) }
    let backs = zip(after, before).map { GraphEvent.updated(old: $0, new: $1) }
    var batchMax: UInt64 = 0
    let updateStart = now()
    for events in [moves, backs] {
        var index = 0
        while index < events.count {
            let end = min(index + 64, events.count)
            let start = nanoseconds()
            graph.apply(events[index..<end])
            batchMax = max(batchMax, nanoseconds() - start)
            index = end
        }
    }
    let updateSeconds = now() - updateStart
    print(String(format: "authorizer: graph updates %.0f events/s (%d shoot moves and back, metrics on); longest batch of 64 under the write lock %.2f ms",
                 Double(2 * updates) / updateSeconds, updates, Double(batchMax) / 1e6))

    // 4. Readers during writes: path checks on another thread while updates run.
    let reader = ReaderProbe(authorizer: authorizer, attributes: cases[0].1)
    reader.start()
    for events in [moves, backs] {
        var index = 0
        while index < events.count {
            let end = min(index + 64, events.count)
            graph.apply(events[index..<end])
            index = end
        }
    }
    var readerSamples = reader.stop()
    print("authorizer: checks during updates (\(readerSamples.count) on a second thread): " + percentiles(&readerSamples))

    // 5. SubjectAccessReview decode + decide + encode per kube-apiserver fixture.
    guard let fixtures = fixturesDirectory() else {
        print("authorizer: kube-apiserver fixtures not found; skipping SAR decode benchmarks")
        return
    }
    let endpoint = SeedAuthorizerEndpoint(authorizer: authorizer, metrics: metrics)
    let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasPrefix("sar-") }.sorted()
    for name in names {
        let body = Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
        let rounds = 50_000
        var decodeOnly: UInt64 = 0
        var start = nanoseconds()
        for _ in 0..<rounds { _ = try SubjectAccessReview.decode(body) }
        decodeOnly = nanoseconds() - start
        start = nanoseconds()
        var size = 0
        for _ in 0..<rounds { size &+= endpoint.respond(contentType: "application/json", body: body).count }
        let total = nanoseconds() - start
        print(String(format: "authorizer: SAR %@: decode %.2f µs, decode+decide+encode %.2f µs",
                     name, Double(decodeOnly) / Double(rounds) / 1e3, Double(total) / Double(rounds) / 1e3))
    }
}

/// Path checks in a loop on another thread, recording each duration.
private final class ReaderProbe: @unchecked Sendable {
    // `samples` is written only by the probe thread until `stop()` has joined it.
    private let authorizer: SeedAuthorizer
    private let attributes: AuthorizationAttributes
    private var samples: [UInt64] = []
    private let running = ManagedFlag()
    private var thread: Thread?

    init(authorizer: SeedAuthorizer, attributes: AuthorizationAttributes) {
        self.authorizer = authorizer
        self.attributes = attributes
    }

    func start() {
        running.set(true)
        let thread = Thread { [self] in
            samples.reserveCapacity(1_000_000)
            while running.get(), samples.count < 5_000_000 {
                let start = nanoseconds()
                _ = try? authorizer.authorize(attributes)
                samples.append(nanoseconds() - start)
            }
        }
        self.thread = thread
        thread.start()
    }

    func stop() -> [UInt64] {
        running.set(false)
        while thread?.isFinished == false { usleep(1_000) }
        return samples
    }
}

private final class ManagedFlag: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var value = false
    func set(_ newValue: Bool) { lock.lock(); value = newValue; lock.unlock() }
    func get() -> Bool { lock.lock(); defer { lock.unlock() }; return value }
}

private func percentiles(_ samples: inout [UInt64]) -> String {
    guard !samples.isEmpty else { return "no samples" }
    samples.sort()
    func at(_ q: Double) -> Double { Double(samples[min(samples.count - 1, Int(Double(samples.count) * q))]) / 1e3 }
    return String(format: "p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, max %.1f µs (n=%d)", at(0.5), at(0.99), at(0.999),
                  Double(samples[samples.count - 1]) / 1e3, samples.count)
}

private func nanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

private func now() -> Double { Double(nanoseconds()) / 1e9 }

/// VmRSS of this process.
private func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let digits = line.filter(\.isNumber)
        return (Int(String(digits)) ?? 0) * 1024
    }
    return 0
}

/// `shared/fixtures/kube-apiserver` beside the repository (or a few levels up, for worktrees).
private func fixturesDirectory() -> URL? {
    var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("../shared/fixtures/kube-apiserver").standardized
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return nil
}
