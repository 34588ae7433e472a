import Foundation
import JSON
import KubeClient
import KubeClientTesting
import Prometheus
import Testing

/// Informers against the test API server: the sink must converge to exactly the server's
/// objects across pagination, watch events, 410s, dropped connections, stalls and slow streams.
struct InformerTests {
    private let shoots = Fixtures.shoots

    /// A running server with `count` shoots, an informer for shoots, and its sink.
    private struct Harness {
        let server: TestAPIServer
        let sink = MirrorSink()
        let informer: Informer
        let registry = PrometheusCollectorRegistry()

        init(count: Int, serverOptions: TestAPIServer.Options = TestEnvironment.serverOptions(),
             configure: (inout InformerOptions) -> Void = { _ in }) throws {
            server = try TestAPIServer(serverOptions)
            server.load(Fixtures.shoots.collectionPath, (0..<count).map { Fixtures.shoot("garden-p\($0 % 3)", "s\($0)", seed: "seed-\($0 % 2)") })
            var options = InformerOptions()
            options.pageSize = 4
            options.watchTimeoutMinimum = 30
            options.inactivityTimeout = 5
            options.backoff = Backoff(initial: 0.01, maximum: 0.05)
            configure(&options)
            let client = try TestEnvironment.client(port: server.port)
            informer = Informer(Fixtures.shoots, client: client, sink: sink, options: options, metrics: InformerMetrics(registry: registry))
            informer.start()
        }

        func stop() {
            informer.stop()
            server.stop()
        }

        /// Waits until the sink holds exactly the server's shoots.
        func converged(timeout: Double = 10) -> Bool {
            sink.wait(timeout: timeout) { sink.objects(Fixtures.shoots) == server.objects(Fixtures.shoots.collectionPath) }
        }

        func metric(_ prefix: String) -> String {
            registry.emitToString().split(separator: "\n").filter { $0.hasPrefix(prefix) }.joined(separator: "\n")
        }
    }

    @Test func listsEveryPageAndMarksTheKindSynced() throws {
        let harness = try Harness(count: 10)
        defer { harness.stop() }
        #expect(harness.converged())
        #expect(harness.sink.wait { harness.sink.synced == [shoots] })
        #expect(harness.informer.isSynced)
        #expect(harness.server.statistics.listPages == 3)
        #expect(harness.sink.objects(shoots).count == 10)
    }

    @Test func appliesWatchEventsAsTheyArrive() throws {
        let harness = try Harness(count: 3)
        defer { harness.stop() }
        #expect(harness.converged())
        #expect(harness.server.wait { $0.watches >= 1 })
        harness.server.apply(shoots.collectionPath, Fixtures.shoot("garden-p0", "new", seed: "seed-1"))
        harness.server.apply(shoots.collectionPath, Fixtures.shoot("garden-p0", "s0", seed: "seed-9", generation: 2))
        harness.server.delete(shoots.collectionPath, namespace: "garden-p1", name: "s1")
        #expect(harness.converged())
        #expect(harness.sink.objects(shoots).map { $0[path: "metadata", "name"]?.stringValue } == ["new", "s0", "s2"])
        #expect(harness.server.statistics.lists == 1)
    }

    @Test func relistsAfterAnErrorEventWithCode410AndDeletesWhatDisappeared() throws {
        var options = TestEnvironment.serverOptions()
        options.expiredWatchAsHTTPStatus = false
        let harness = try Harness(count: 6, serverOptions: options)
        defer { harness.stop() }
        #expect(harness.converged())
        #expect(harness.server.wait { $0.watches >= 1 })
        // The running watch sees none of these: it is stalled, then the history is compacted.
        harness.server.setStalled(true)
        harness.server.delete(shoots.collectionPath, namespace: "garden-p2", name: "s2")
        harness.server.apply(shoots.collectionPath, Fixtures.shoot("garden-p0", "s3", seed: "seed-7", generation: 3))
        harness.server.compact()
        harness.server.setStalled(false)
        #expect(harness.converged())
        #expect(harness.server.statistics.lists == 2)
        #expect(harness.sink.deletions == 1)
        #expect(harness.metric("seed_webhooks_garden_watch_restarts_total{resource=\"shoots.core.gardener.cloud\",reason=\"expired\"}")
            == "seed_webhooks_garden_watch_restarts_total{resource=\"shoots.core.gardener.cloud\",reason=\"expired\"} 1")
    }

    @Test func relistsAfterAWatchIsRefusedWithHTTP410() throws {
        let harness = try Harness(count: 5)
        defer { harness.stop() }
        #expect(harness.converged())
        #expect(harness.server.wait { $0.watches >= 1 })
        harness.server.setStalled(true)
        harness.server.apply(shoots.collectionPath, Fixtures.shoot("garden-p1", "late", seed: "seed-1"))
        harness.server.compact()
        harness.server.dropConnections()
        harness.server.setStalled(false)
        #expect(harness.converged())
        #expect(harness.server.statistics.expiredWatches >= 1)
        #expect(harness.server.statistics.lists == 2)
    }

    @Test func resumesFromTheLastResourceVersionAfterADroppedConnection() throws {
        let harness = try Harness(count: 5)
        defer { harness.stop() }
        #expect(harness.converged())
        #expect(harness.server.wait { $0.watches >= 1 })
        harness.server.dropConnections()
        for i in 0..<20 { harness.server.apply(shoots.collectionPath, Fixtures.shoot("garden-p0", "after-drop-\(i)", seed: "seed-0")) }
        #expect(harness.converged())
        #expect(harness.server.wait { $0.watches >= 2 })
        #expect(harness.server.statistics.lists == 1)
    }

    @Test func dropsAStalledWatchAfterTheInactivityTimeout() throws {
        var serverOptions = TestEnvironment.serverOptions()
        serverOptions.bookmarkInterval = 60
        let harness = try Harness(count: 2, serverOptions: serverOptions) { $0.inactivityTimeout = 0.2 }
        defer { harness.stop() }
        #expect(harness.converged())
        harness.server.setStalled(true)
        #expect(harness.server.wait { $0.watches >= 3 })
        harness.server.setStalled(false)
        harness.server.apply(shoots.collectionPath, Fixtures.shoot("garden-p0", "after-stall", seed: "seed-0"))
        #expect(harness.converged())
        #expect(harness.metric("seed_webhooks_garden_watch_restarts_total{resource=\"shoots.core.gardener.cloud\",reason=\"stalled\"}") != "")
        #expect(harness.server.statistics.lists == 1)
    }

    @Test func assemblesEventsFromASlowStreamWrittenAFewBytesAtATime() throws {
        let harness = try Harness(count: 1)
        defer { harness.stop() }
        #expect(harness.converged())
        harness.server.setSlow(true)
        for i in 0..<10 { harness.server.apply(shoots.collectionPath, Fixtures.shoot("garden-p2", "slow-\(i)", seed: "seed-1")) }
        #expect(harness.converged(timeout: 20))
    }

    @Test func keepsUpWithAThousandEventsPerSecond() throws {
        let harness = try Harness(count: 50)
        defer { harness.stop() }
        #expect(harness.converged())
        #expect(harness.server.wait { $0.watches >= 1 })
        // 2,000 changes paced at 1,000 per second: adds, updates and deletes over 200 names.
        let start = Date()
        for i in 0..<2000 {
            let name = "load-\(i % 200)"
            if i % 7 == 6 {
                harness.server.delete(shoots.collectionPath, namespace: "garden-p1", name: name)
            } else {
                harness.server.apply(shoots.collectionPath, Fixtures.shoot("garden-p1", name, seed: "seed-\(i % 5)", generation: i))
            }
            if i % 10 == 9 {
                let due = start.addingTimeInterval(Double(i + 1) / 1000)
                let wait = due.timeIntervalSinceNow
                if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
            }
        }
        #expect(harness.converged(timeout: 20))
        #expect(harness.server.statistics.lists == 1)
    }

    @Test func retriesAFailingListWithBackoff() throws {
        let server = try TestAPIServer(TestEnvironment.serverOptions())
        defer { server.stop() }
        server.load(shoots.collectionPath, [Fixtures.shoot("garden", "a", seed: "s")])
        server.failNextRequests(shoots.collectionPath, count: 2)
        let sink = MirrorSink()
        let registry = PrometheusCollectorRegistry()
        var options = InformerOptions()
        options.backoff = Backoff(initial: 0.01, maximum: 0.02)
        let informer = Informer(shoots, client: try TestEnvironment.client(port: server.port), sink: sink, options: options,
                                metrics: InformerMetrics(registry: registry))
        informer.start()
        defer { informer.stop() }
        #expect(sink.wait { sink.synced == [shoots] })
        #expect(sink.objects(shoots) == server.objects(shoots.collectionPath))
        #expect(registry.emitToString().contains("seed_webhooks_garden_watch_restarts_total{resource=\"shoots.core.gardener.cloud\",reason=\"error\"} 2"))
    }

    @Test func reportsWhichKindsAreStillWaitingForTheirFirstList() throws {
        let server = try TestAPIServer(TestEnvironment.serverOptions())
        defer { server.stop() }
        server.load(Fixtures.seeds.collectionPath, [Fixtures.seed("local")])
        server.failNextRequests(shoots.collectionPath, count: 1_000_000)
        var options = InformerOptions()
        options.backoff = Backoff(initial: 0.01, maximum: 0.02)
        let sink = MirrorSink()
        let group = InformerGroup(kinds: [Fixtures.seeds, shoots], client: try TestEnvironment.client(port: server.port), sink: sink, options: options)
        group.start()
        defer { group.stop() }
        #expect(sink.wait { sink.synced == [Fixtures.seeds] })
        #expect(sink.wait { group.informers[1].lastFailure != nil })
        #expect(group.readinessReason == "waiting for the initial list of shoots.core.gardener.cloud (last error: GET /apis/core.gardener.cloud/v1beta1/shoots: 500 Internal Server Error: injected failure)")
        #expect(!group.isSynced)
    }
}
