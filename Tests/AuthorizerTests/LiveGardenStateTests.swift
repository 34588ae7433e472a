import Foundation
import JSON
import Testing
@testable import Authorizer

/// Objects fed one at a time, in whatever order informers deliver them, must give the graph that
/// the same objects give as one state.
struct LiveGardenStateTests {
    static let now = 1_790_000_000.0
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/garden").path

    static func exampleObjects() throws -> [JSONValue] {
        var objects: [JSONValue] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: examples).sorted() where file.hasSuffix(".yaml") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: examples + "/" + file)))
            objects += try ManifestDecoder.objects(in: bytes, source: file)
        }
        return objects
    }

    static func stateGraph(_ objects: [JSONValue]) throws -> ResourceGraph {
        let graph = ResourceGraph()
        graph.apply(try GardenState(objects: objects, now: now).events(from: GardenState()))
        return graph
    }

    static func issuerShoot() -> JSONValue {
        try! JSONParser.parse(#"""
        {"apiVersion":"core.gardener.cloud/v1beta1","kind":"Shoot","metadata":{"name":"issuer","namespace":"garden-dev","uid":"u-1",
         "annotations":{"authentication.gardener.cloud/issuer":"managed"}},"spec":{"seedName":"soil","secretBindingName":"aws-dev"}}
        """#)
    }

    @Test(arguments: ["as listed", "reversed", "namespaces and seeds last"])
    func anyDeliveryOrderGivesTheGraphOfTheWholeState(_ order: String) throws {
        var objects = try Self.exampleObjects() + [Self.issuerShoot()]
        switch order {
        case "reversed": objects.reverse()
        case "namespaces and seeds last":
            let late = { (o: JSONValue) in ["Namespace", "Seed"].contains(o["kind"]?.stringValue ?? "") }
            objects = objects.filter { !late($0) } + objects.filter(late)
        default: break
        }
        let live = LiveGardenState(graph: ResourceGraph(), clock: { Self.now })
        for object in objects { live.apply([(.upsert, object)]) }
        #expect(live.graph.edgeDescriptions() == (try Self.stateGraph(objects)).edgeDescriptions())
        #expect(live.graph.edgeDescriptions().contains("Secret:gardener-system-shoot-issuer/dev--u-1 -> Shoot:garden-dev/issuer"))
    }

    @Test func aBindingCreatedAgainGetsItsShootEdgesBack() throws {
        let objects = try Self.exampleObjects()
        let binding = try #require(objects.first { $0["kind"]?.stringValue == "SecretBinding" && $0[path: "metadata", "name"]?.stringValue == "aws-dev" })
        let live = LiveGardenState(graph: ResourceGraph(), clock: { Self.now })
        live.apply(objects.map { (.upsert, $0) })
        let edge = "SecretBinding:garden-dev/aws-dev -> Shoot:garden-dev/api"
        #expect(live.graph.edgeDescriptions().contains(edge))
        live.apply([(.delete, binding)])
        #expect(!live.graph.edgeDescriptions().contains(edge))
        live.apply([(.upsert, binding)])
        #expect(live.graph.edgeDescriptions() == (try Self.stateGraph(objects)).edgeDescriptions())
    }

    @Test func deletingEveryObjectEmptiesTheGraph() throws {
        let objects = try Self.exampleObjects()
        let live = LiveGardenState(graph: ResourceGraph(), clock: { Self.now })
        live.apply(objects.map { (.upsert, $0) })
        #expect(live.graph.edgeCount > 0)
        live.apply(objects.reversed().map { (.delete, $0) })
        #expect(live.graph.edgeDescriptions() == [])
        #expect(live.count == 0)
    }

    @Test func ignoresObjectsWithoutGraphHandlers() throws {
        let live = LiveGardenState(graph: ResourceGraph(), clock: { Self.now })
        let cloudProfile = try JSONParser.parse(#"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"CloudProfile","metadata":{"name":"aws"}}"#)
        #expect(live.apply([(.upsert, cloudProfile)]) == 0)
        #expect(live.count == 0)
    }
}
