import Foundation
import JSON
import Testing
@testable import Webhooks

/// The sample bodies in `examples/reviews` that the README walks through get the answers the
/// examples README promises, and their patches apply with Python's jsonpatch.
struct TokenRequestorExampleReviewTests {
    private func example(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Fixtures.repository.appendingPathComponent("examples/reviews/" + name)))
    }

    /// Mutates, applies the patch, and checks the second pass and validation admit the result.
    private func admitted(_ body: [UInt8], _ webhooks: [any AdmissionWebhook]) throws -> JSONValue {
        let mutating = try #require(webhooks.first { $0.mutating })
        let validating = try #require(webhooks.first { !$0.mutating })
        let answer = try AdmissionReviewHandler(webhook: mutating).review(body)
        #expect(try JSONParser.parse(answer)[path: "response", "patchType"] == .string("JSONPatch"))
        let mutated = try objectAfterReview(request: body, answer: answer)
        let again = try replacingObject(in: body, with: mutated)
        #expect(try JSONParser.parse(try AdmissionReviewHandler(webhook: mutating).review(again))[path: "response", "patch"] == nil)
        #expect(try JSONParser.parse(try AdmissionReviewHandler(webhook: validating).review(again))[path: "response", "allowed"] == .bool(true))
        return mutated
    }

    @Test func tokenRequestorExamplesGetTheCA() throws {
        let directory = try TemporaryDirectory()
        let ca = try TestCertificates.certificate(commonName: "example CA")
        let webhooks = try TokenRequestorWebhooks(tokenRequestorClass: "shoot", caBundleFile: try directory.write("ca.crt", ca))

        let bundle = try admitted(try example("admissionreview-token-requestor-secret-with-bundle.json"), webhooks.all)
        #expect(bundle["data"]?["bundle.crt"] == .string(Base64Codec.encode(ca)))

        let withKubeconfig = try admitted(try example("admissionreview-token-requestor-secret-with-kubeconfig.json"), webhooks.all)
        let yaml = try #require(withKubeconfig["data"]?["kubeconfig"]?.stringValue.flatMap { try? Base64Codec.decode($0) })
        let cluster = try yamlDocument(text(yaml))["clusters"]?.arrayValue?.first?["cluster"]
        #expect(cluster?["certificate-authority-data"] == .string(Base64Codec.encode(ca)))
    }

    @Test func trafficDistributionExampleGetsTheVersionsSetting() throws {
        let webhooks = try TrafficDistributionWebhooks(kubernetesVersion: "1.34")
        let service = try admitted(try example("admissionreview-service-opts-into-traffic-distribution.json"), webhooks.all)
        #expect(service["spec"]?["trafficDistribution"] == .string("PreferSameZone"))
    }
}
