import Authorizer
import Foundation
import JSON
import KubeClient
import KubeClientTesting
import Testing

/// The graph fed by informers from the test API server must give the same authorizer decisions
/// as the `--state` file source for the same objects: after the initial lists, and after a forced
/// 410, a dropped connection and a burst of 1,000 events per second, each with changes that only
/// a re-list or a resumed watch can deliver.
struct GardenConvergenceTests {
    /// Both sides decide client-certificate expiry at the same instant.
    static let now = 1_790_000_000.0
    static let seeds = ["soil", "aws-eu1"]

    /// Informer events into a `LiveGardenState` (what `serve` wires as `GraphFeed`).
    final class GraphSink: InformerSink {
        let state: LiveGardenState
        init(_ state: LiveGardenState) { self.state = state }
        func apply(_ events: [ObjectEvent], of kind: ResourceKind) {
            state.apply(events.map { ($0.type == .deleted ? .delete : .upsert, $0.object) })
        }
        func synced(_ kind: ResourceKind) {}
    }

    /// The garden of examples/garden, plus generated shoots on both seeds.
    static func gardenObjects() throws -> [JSONValue] {
        let directory = TestEnvironment.repositoryRoot.appendingPathComponent("examples/garden").path
        var objects: [JSONValue] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where file.hasSuffix(".yaml") {
            objects += try ManifestDecoder.objects(in: TestEnvironment.read(directory + "/" + file), source: file)
        }
        for i in 0..<60 {
            objects.append(shoot(i, seed: seeds[i % 2]))
        }
        return objects
    }

    static func shoot(_ i: Int, seed: String, binding: String? = nil) -> JSONValue {
        let namespace = i % 3 == 0 ? "garden-ops" : "garden-dev"
        var spec = JSONObject([
            "cloudProfile": .object(JSONObject(["kind": .string("CloudProfile"), "name": .string("aws")])),
            "seedName": .string(seed),
        ])
        spec["secretBindingName"] = .string(binding ?? (namespace == "garden-ops" ? "gcp-ops" : "aws-dev"))
        var metadata = JSONObject(["name": .string("gen-\(i)"), "namespace": .string(namespace), "uid": .string("uid-\(i)")])
        if i % 5 == 0 {
            metadata["annotations"] = .object(JSONObject(["authentication.gardener.cloud/issuer": .string("managed")]))
        }
        return .object(JSONObject([
            "apiVersion": .string("core.gardener.cloud/v1beta1"), "kind": .string("Shoot"),
            "metadata": .object(metadata), "spec": .object(spec),
            "status": .object(JSONObject(["seedName": .string(seed)])),
        ]))
    }

    /// The informed kind of an object, if any.
    static func kind(of object: JSONValue) -> ResourceKind? {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let kind = object["kind"]?.stringValue ?? ""
        return ResourceKind.gardenGraph.first { $0.group == group && $0.kind == kind }
    }

    static func collection(_ kind: String) -> String {
        ResourceKind.gardenGraph.first { $0.kind == kind }!.collectionPath
    }

    /// The graph the file source builds from the server's current objects.
    static func fileGraph(_ server: TestAPIServer) throws -> ResourceGraph {
        var objects: [JSONValue] = []
        for kind in ResourceKind.gardenGraph { objects += server.objects(kind.collectionPath) }
        let graph = ResourceGraph()
        graph.apply(try GardenState(objects: objects, now: now).events(from: GardenState()))
        return graph
    }

    /// What the authorizer decides for a gardenlet of each seed reading each vertex the graph has,
    /// plus the raw reachability of every vertex to every seed.
    static func decisions(_ graph: ResourceGraph) -> [String] {
        let authorizer = SeedAuthorizer(graph: graph)
        let resources: [VertexKind: (String, String)] = [
            .shoot: ("core.gardener.cloud", "shoots"), .secret: ("", "secrets"), .configMap: ("", "configmaps"),
            .namespace: ("", "namespaces"), .project: ("core.gardener.cloud", "projects"),
            .secretBinding: ("core.gardener.cloud", "secretbindings"), .backupBucket: ("core.gardener.cloud", "backupbuckets"),
            .backupEntry: ("core.gardener.cloud", "backupentries"), .managedSeed: ("seedmanagement.gardener.cloud", "managedseeds"),
            .controllerInstallation: ("core.gardener.cloud", "controllerinstallations"),
            .credentialsBinding: ("security.gardener.cloud", "credentialsbindings"), .cloudProfile: ("core.gardener.cloud", "cloudprofiles"),
        ]
        var lines: [String] = []
        for vertex in graph.vertices() {
            for seed in seeds {
                let reach = graph.hasPath(from: vertex, to: VertexName(.seed, "", seed))
                var line = "\(vertex) -> \(seed): path=\(reach)"
                if let (group, resource) = resources[vertex.kind] {
                    let attributes = AuthorizationAttributes(
                        user: "gardener.cloud:system:seed:\(seed)", groups: ["gardener.cloud:system:seeds", "system:authenticated"],
                        verb: "get", namespace: vertex.kind == .namespace ? vertex.name : vertex.namespace,
                        group: group, version: "v1", resource: resource, name: vertex.name)
                    let verdict = try? authorizer.authorize(attributes)
                    line += " get=\(verdict.map { "\($0.isAllowed) \($0.reason)" } ?? "error")"
                }
                lines.append(line)
            }
        }
        return lines
    }

    private func converged(_ live: ResourceGraph, _ server: TestAPIServer, timeout: Double = 20) throws -> Bool {
        let end = Date(timeIntervalSinceNow: timeout)
        while Date() < end {
            if live.edgeDescriptions() == (try Self.fileGraph(server)).edgeDescriptions() { return true }
            usleep(20_000)
        }
        let a = Set(live.edgeDescriptions()), b = Set(try Self.fileGraph(server).edgeDescriptions())
        Issue.record("edges only in the live graph: \(a.subtracting(b).sorted()); only in the file graph: \(b.subtracting(a).sorted())")
        return false
    }

    private func relabel(_ server: TestAPIServer, namespace: String, project: String) throws {
        var object = try #require(server.objects(Self.collection("Namespace")).first { $0[path: "metadata", "name"]?.stringValue == namespace })
        object["metadata"]?["labels"]?["project.gardener.cloud/name"] = .string(project)
        server.apply(Self.collection("Namespace"), object)
    }

    @Test func convergesToTheFileSourceAcrossA410ADroppedConnectionAndAThousandEventsPerSecond() throws {
        var serverOptions = TestEnvironment.serverOptions()
        serverOptions.expiredWatchAsHTTPStatus = false
        let server = try TestAPIServer(serverOptions)
        defer { server.stop() }
        var grouped: [String: [JSONValue]] = [:]
        for object in try Self.gardenObjects() {
            if let kind = Self.kind(of: object) { grouped[kind.collectionPath, default: []].append(object) }
        }
        for (collection, objects) in grouped { server.load(collection, objects) }

        let state = LiveGardenState(graph: ResourceGraph(), clock: { Self.now })
        var options = InformerOptions()
        options.pageSize = 7
        options.backoff = Backoff(initial: 0.01, maximum: 0.05)
        let group = InformerGroup(client: try TestEnvironment.client(port: server.port), sink: GraphSink(state), options: options)
        group.start()
        defer { group.stop() }
        let live = state.graph

        // 1. Initial lists.
        #expect(MirrorSink().wait(timeout: 20) { group.isSynced })
        #expect(try converged(live, server))
        #expect(Self.decisions(live) == Self.decisions(try Self.fileGraph(server)))
        #expect(live.edgeCount > 300)

        // 2. A forced 410: changes made while the watches are stalled, then the history is gone,
        //    so only a re-list (and its deletions) can deliver them.
        #expect(server.wait { $0.watches >= ResourceKind.gardenGraph.count })
        server.setStalled(true)
        server.apply(Self.collection("Shoot"), Self.shoot(1, seed: "soil"))
        server.apply(Self.collection("Shoot"), Self.shoot(61, seed: "aws-eu1"))
        server.delete(Self.collection("Shoot"), namespace: "garden-ops", name: "gen-3")
        server.delete(Self.collection("BackupEntry"), namespace: "garden-dev", name: server.objects(Self.collection("BackupEntry"))
            .first { $0[path: "metadata", "namespace"]?.stringValue == "garden-dev" }?[path: "metadata", "name"]?.stringValue ?? "")
        try relabel(server, namespace: "garden-dev", project: "development")
        server.compact()
        server.setStalled(false)
        #expect(try converged(live, server))
        #expect(server.statistics.lists >= 2 * ResourceKind.gardenGraph.count)

        // 3. A dropped connection, then changes the resumed watches deliver: a binding is deleted
        //    and created again (its shoots' edges must come back, as Gardener's Shoot handler
        //    restores them), and a namespace changes its project (managed issuer secrets).
        //    A binding deleted for good is left out: Gardener's live graph then drops the binding's
        //    edges to shoots that still name it, which a graph built afresh from the same objects keeps.
        server.dropConnections()
        let binding = try #require(server.objects(Self.collection("SecretBinding")).first { $0[path: "metadata", "name"]?.stringValue == "aws-dev" })
        server.delete(Self.collection("SecretBinding"), namespace: "garden-dev", name: "aws-dev")
        server.apply(Self.collection("SecretBinding"), binding)
        try relabel(server, namespace: "garden-ops", project: "operations")
        #expect(try converged(live, server))

        // 4. 2,000 shoot changes paced at 1,000 per second: seeds move, shoots come and go.
        let start = Date()
        for i in 0..<2000 {
            let n = 100 + i % 150
            if i % 9 == 8 {
                server.delete(Self.collection("Shoot"), namespace: n % 3 == 0 ? "garden-ops" : "garden-dev", name: "gen-\(n)")
            } else {
                server.apply(Self.collection("Shoot"), Self.shoot(n, seed: Self.seeds[i % 2]))
            }
            if i % 10 == 9 {
                let wait = start.addingTimeInterval(Double(i + 1) / 1000).timeIntervalSinceNow
                if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
            }
        }
        #expect(try converged(live, server))
        #expect(Self.decisions(live) == Self.decisions(try Self.fileGraph(server)))
        #expect(live.vertices() == (try Self.fileGraph(server)).vertices())
    }
}
