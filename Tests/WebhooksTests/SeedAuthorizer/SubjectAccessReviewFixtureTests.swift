import Authorizer
import Foundation
import Testing
import Webhooks

/// kube-apiserver's captured SubjectAccessReviews answered by the endpoint, byte for byte.
struct SubjectAccessReviewFixtureTests {
    /// `<root>/../shared/fixtures/kube-apiserver` (a worktree nested deeper finds it further up).
    static let fixtures: URL = {
        var directory = URL(fileURLWithPath: #filePath)
        for _ in 0..<7 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/fixtures/kube-apiserver")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return directory.appendingPathComponent("shared/fixtures/kube-apiserver")
    }()

    static let allowedV1 = #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":true}}"#
    static let silentV1 = #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false}}"#
    static func noOpinion(_ reason: String, _ version: String = "v1") -> String {
        #"{"apiVersion":"authorization.k8s.io/\#(version)","kind":"SubjectAccessReview","status":{"allowed":false,"reason":"\#(reason)"}}"#
    }

    /// Every `sar-*.json` fixture with its answer, given a garden where `garden-local/a` runs on `local`.
    static let expected: [(String, String)] = [
        ("sar-v1-create-cloudprofile.json", noOpinion("only the following verbs are allowed for this resource type: [get list watch]")),
        ("sar-v1-create-selfsubjectaccessreviews.json", silentV1),
        ("sar-v1-dns-probe-user-list-shoots.json", silentV1),
        ("sar-v1-from-selfsubjectaccessreview-version-star.json", noOpinion("must specify field or label selector for name local")),
        ("sar-v1-get-shoot-by-name.json", allowedV1),
        ("sar-v1-get-shoot-status-subresource.json", allowedV1),
        ("sar-v1-impersonated-list-shoots.json", noOpinion("must specify field or label selector for name local")),
        ("sar-v1-list-shoots-all-namespaces.json", noOpinion("must specify field or label selector for name local")),
        ("sar-v1-list-shoots-complex-field-and-label-selectors.json", allowedV1),
        ("sar-v1-list-shoots-fieldselector-seedname.json", noOpinion("must specify field or label selector for name local")),
        ("sar-v1-list-shoots-namespaced-labelselector.json", noOpinion("must specify field or label selector for name local")),
        ("sar-v1-list-shoots-other-seed-fieldselector.json", noOpinion("must specify field or label selector for name other")),
        ("sar-v1-nonresource-get-healthz.json", silentV1),
        ("sar-v1-nonresource-get-version.json", silentV1),
        ("sar-v1-patch-shoot-status-subresource.json", allowedV1),
        ("sar-v1-watch-shoots-field-and-label-selector.json", noOpinion("must specify field or label selector for name local")),
        ("sar-v1beta1-list-shoots-field-and-label-selector.json", noOpinion("must specify field or label selector for name local", "v1beta1")),
    ]

    static func endpoint() -> SeedAuthorizerEndpoint {
        let graph = ResourceGraph()
        let state = GardenState([
            .seed(SeedReferences(name: "local")),
            .shoot(ShootReferences(namespace: "garden-local", name: "a", specSeedName: "local")),
        ], now: 0)
        graph.apply(state.events(from: GardenState()))
        return SeedAuthorizerEndpoint(authorizer: SeedAuthorizer(graph: graph))
    }

    @Test func everyFixtureHasAnExpectation() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasPrefix("sar-") }
        #expect(Set(names) == Set(Self.expected.map(\.0)))
    }

    @Test(arguments: expected.map(\.0))
    func answersFixture(_ name: String) throws {
        let body = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
        let answer = Self.endpoint().respond(contentType: "application/json", body: Array(body))
        let expected = Self.expected.first { $0.0 == name }?.1
        #expect(String(decoding: answer, as: UTF8.self) == expected)
    }

    @Test func v1beta1GroupIsDecodedAsGroups() throws {
        let body = try Data(contentsOf: Self.fixtures.appendingPathComponent("sar-v1beta1-list-shoots-field-and-label-selector.json"))
        let review = try SubjectAccessReview.decode(Array(body))
        #expect(review.apiVersion == .v1beta1)
        #expect(review.attributes.groups == ["gardener.cloud:system:seeds", "system:authenticated"])
        #expect(review.attributes.fieldSelector?.requirements == [WireRequirement(key: "spec.seedName", op: "In", values: ["local"])])
    }

    @Test func decodesSelectorsExtraAndVersionStar() throws {
        let complex = try Data(contentsOf: Self.fixtures.appendingPathComponent("sar-v1-list-shoots-complex-field-and-label-selectors.json"))
        let review = try SubjectAccessReview.decode(Array(complex))
        #expect(review.attributes.labelSelector?.requirements == [
            WireRequirement(key: "deprecated", op: "DoesNotExist"),
            WireRequirement(key: "env", op: "In", values: ["dev", "prod"]),
            WireRequirement(key: "tier", op: "Exists"),
        ])
        #expect(review.attributes.fieldRequirements == [
            FieldRequirement(field: "metadata.name", op: .equals, value: "a"),
            FieldRequirement(field: "spec.seedName", op: .notEquals, value: "other"),
        ])
        #expect(review.attributes.extra["authentication.kubernetes.io/credential-id"]?.first?.hasPrefix("X509SHA256=") == true)
        let star = try Data(contentsOf: Self.fixtures.appendingPathComponent("sar-v1-from-selfsubjectaccessreview-version-star.json"))
        #expect(try SubjectAccessReview.decode(Array(star)).attributes.version == "*")
    }
}
