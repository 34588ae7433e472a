import JSON
import Testing
@testable import Webhooks

/// A Service document as kube-apiserver sends it at the mutating stage, with optional labels,
/// annotations and `spec.trafficDistribution`.
func service(labels: [(String, String)] = [], annotations: [(String, String)] = [], trafficDistribution: String? = nil) -> JSONValue {
    var metadata = JSONObject([JSONMember(key: "name", value: .string("etcd-main-client")),
                               JSONMember(key: "namespace", value: .string("shoot--local--local"))])
    if !labels.isEmpty {
        metadata["labels"] = .object(JSONObject(labels.map { JSONMember(key: $0.0, value: .string($0.1)) }))
    }
    if !annotations.isEmpty {
        metadata["annotations"] = .object(JSONObject(annotations.map { JSONMember(key: $0.0, value: .string($0.1)) }))
    }
    var spec = JSONObject([JSONMember(key: "ports", value: .array([.object(JSONObject([JSONMember(key: "port", value: .number("2379"))]))])),
                           JSONMember(key: "type", value: .string("ClusterIP"))])
    if let trafficDistribution { spec["trafficDistribution"] = .string(trafficDistribution) }
    return .object(JSONObject([JSONMember(key: "kind", value: .string("Service")), JSONMember(key: "apiVersion", value: .string("v1")),
                               JSONMember(key: "metadata", value: .object(metadata)), JSONMember(key: "spec", value: .object(spec))]))
}

let optIn = TrafficDistributionPolicy.defaultOptInLabel
let consider = "endpoint-slice-hints.resources.gardener.cloud/consider"
let topologyMode = "service.kubernetes.io/topology-mode"
let topologyHints = "service.kubernetes.io/topology-aware-hints"

func version(_ text: String) -> KubernetesVersion {
    KubernetesVersion(text) ?? KubernetesVersion(major: 0, minor: 0)
}

struct TrafficDistributionPolicyTests {
    let policy = TrafficDistributionPolicy()

    /// Every setting any version band uses, so that each band must clear the others'.
    private func serviceWithEverySetting(_ label: String, trafficDistribution: String = "PreferClose") -> JSONValue {
        service(labels: [("app", "etcd"), (optIn, label), (consider, "true")],
                annotations: [(topologyMode, "auto"), (topologyHints, "auto"), ("keep", "me")],
                trafficDistribution: trafficDistribution)
    }

    private func messages(_ result: (errors: [FieldError], warnings: [String])) -> [String] { result.errors.map(\.description) }

    // MARK: D.2 matrix

    @Test(arguments: ["1.27", "1.29", "1.30"])
    func belowOneThirtyOneUsesTheTopologyModeAnnotationAndConsiderLabel(text: String) throws {
        let mutated = try #require(policy.mutate(serviceWithEverySetting("true"), version: version(text)))
        #expect(mutated == service(labels: [("app", "etcd"), (optIn, "true"), (consider, "true")],
                                   annotations: [(topologyMode, "auto"), ("keep", "me")]))
        #expect(policy.mutate(mutated, version: version(text)) == nil)
    }

    @Test func oneThirtyOneUsesPreferCloseAndTheConsiderLabel() throws {
        let mutated = try #require(policy.mutate(serviceWithEverySetting("true", trafficDistribution: "PreferSameZone"), version: version("1.31")))
        #expect(mutated == service(labels: [("app", "etcd"), (optIn, "true"), (consider, "true")], annotations: [("keep", "me")],
                                   trafficDistribution: "PreferClose"))
        #expect(policy.mutate(mutated, version: version("1.31")) == nil)
    }

    @Test(arguments: ["1.32", "1.33"])
    func oneThirtyTwoAndThreeUsePreferCloseOnly(text: String) throws {
        let mutated = try #require(policy.mutate(serviceWithEverySetting("true", trafficDistribution: "PreferSameZone"), version: version(text)))
        #expect(mutated == service(labels: [("app", "etcd"), (optIn, "true")], annotations: [("keep", "me")], trafficDistribution: "PreferClose"))
        #expect(policy.mutate(mutated, version: version(text)) == nil)
    }

    @Test(arguments: ["1.34", "1.35", "1.36", "v2.0.0"])
    func fromOneThirtyFourPreferSameZoneReplacesPreferClose(text: String) throws {
        let mutated = try #require(policy.mutate(serviceWithEverySetting("true"), version: version(text)))
        #expect(mutated == service(labels: [("app", "etcd"), (optIn, "true")], annotations: [("keep", "me")], trafficDistribution: "PreferSameZone"))
        #expect(policy.mutate(mutated, version: version(text)) == nil)
    }

    @Test func settingsAreAddedToAServiceWithoutLabelsMapsOrSpecField() throws {
        let bare = service(labels: [(optIn, "true")])
        let mutated = try #require(policy.mutate(bare, version: version("1.30")))
        #expect(mutated == service(labels: [(optIn, "true"), (consider, "true")], annotations: [(topologyMode, "auto")]))
    }

    @Test(arguments: ["1.29", "1.31", "1.33", "1.34"])
    func labelFalseRemovesEverySetting(text: String) throws {
        let mutated = try #require(policy.mutate(serviceWithEverySetting("false", trafficDistribution: "PreferSameNode"), version: version(text)))
        #expect(mutated == service(labels: [("app", "etcd"), (optIn, "false")], annotations: [("keep", "me")]))
        #expect(policy.mutate(mutated, version: version(text)) == nil)
    }

    @Test func serviceWithoutTheLabelIsLeftAlone() {
        let untouched = service(labels: [("app", "etcd"), (consider, "true")], annotations: [(topologyMode, "auto")], trafficDistribution: "PreferClose")
        #expect(policy.mutate(untouched, version: version("1.34")) == nil)
        #expect(policy.validate(untouched, version: version("1.34")).errors.isEmpty)
    }

    @Test func opInLabelKeyIsConfigurable() throws {
        let custom = TrafficDistributionPolicy(optInLabel: "example.com/zonal")
        let mutated = try #require(custom.mutate(service(labels: [("example.com/zonal", "true")]), version: version("1.34")))
        #expect(mutated == service(labels: [("example.com/zonal", "true")], trafficDistribution: "PreferSameZone"))
        #expect(custom.mutate(service(labels: [(optIn, "true")]), version: version("1.34")) == nil)
    }

    @Test func handSetValueNoBandUsesIsLeftForValidationToDeny() {
        let handSet = service(labels: [(optIn, "true")], trafficDistribution: "PreferSameNode")
        #expect(policy.mutate(handSet, version: version("1.34")) == nil)
        #expect(messages(policy.validate(handSet, version: version("1.34"))) == [
            #"spec.trafficDistribution: Invalid value: "PreferSameNode": conflicts with the label resources.gardener.cloud/topology-aware-routing=true, for which this webhook sets "PreferSameZone" on Kubernetes 1.34; remove the field or the label"#,
        ])
    }

    @Test func unsupportedLabelValueIsLeftAloneAndDenied() {
        let odd = service(labels: [(optIn, "yes")], trafficDistribution: "PreferClose")
        #expect(policy.mutate(odd, version: version("1.32")) == nil)
        #expect(messages(policy.validate(odd, version: version("1.32"))) == [
            #"metadata.labels[resources.gardener.cloud/topology-aware-routing]: Unsupported value: "yes": supported values: "false", "true""#,
        ])
    }

    // MARK: D.4 validation

    @Test func belowOneThirtyTheFieldDoesNotExist() {
        #expect(messages(policy.validate(service(trafficDistribution: "PreferClose"), version: version("1.29"))) == [
            "spec.trafficDistribution: Forbidden: Kubernetes 1.29 does not have this field (it exists from 1.30 on)",
        ])
    }

    @Test func oneThirtyNeedsAnAlphaGateAndIsRefused() {
        #expect(messages(policy.validate(service(trafficDistribution: "PreferClose"), version: version("1.30"))) == [
            "spec.trafficDistribution: Forbidden: Kubernetes 1.30 has this field only with the alpha feature gate ServiceTrafficDistribution, which is off by default",
        ])
    }

    @Test(arguments: ["1.31", "1.32", "1.33"])
    func oneThirtyOneToThreeAcceptOnlyPreferClose(text: String) {
        #expect(policy.validate(service(trafficDistribution: "PreferClose"), version: version(text)) == ([], []))
        for value in ["PreferSameZone", "PreferSameNode", "", "preferclose"] {
            #expect(messages(policy.validate(service(trafficDistribution: value), version: version(text))) == [
                #"spec.trafficDistribution: Unsupported value: "\#(value)": supported values: "PreferClose""#,
            ])
        }
    }

    @Test(arguments: ["1.34", "1.35"])
    func fromOneThirtyFourAllThreeAreAcceptedAndPreferCloseWarns(text: String) {
        #expect(policy.validate(service(trafficDistribution: "PreferSameZone"), version: version(text)) == ([], []))
        #expect(policy.validate(service(trafficDistribution: "PreferSameNode"), version: version(text)) == ([], []))
        #expect(policy.validate(service(trafficDistribution: "PreferClose"), version: version(text)) == ([], [
            #"spec.trafficDistribution: "PreferClose" is deprecated from Kubernetes 1.34 on; use "PreferSameZone", its new name"#,
        ]))
        #expect(messages(policy.validate(service(trafficDistribution: "Nearest"), version: version(text))) == [
            #"spec.trafficDistribution: Unsupported value: "Nearest": supported values: "PreferClose", "PreferSameZone", "PreferSameNode""#,
        ])
    }

    @Test func optedInServiceWithTheOtherBandsValueIsDeniedNamingTheWebhooksValue() {
        let result = policy.validate(service(labels: [(optIn, "true")], trafficDistribution: "PreferClose"), version: version("1.34"))
        #expect(messages(result) == [
            #"spec.trafficDistribution: Invalid value: "PreferClose": conflicts with the label resources.gardener.cloud/topology-aware-routing=true, for which this webhook sets "PreferSameZone" on Kubernetes 1.34; remove the field or the label"#,
        ])
        #expect(result.warnings.count == 1)
        #expect(policy.validate(service(labels: [(optIn, "true")], trafficDistribution: "PreferSameZone"), version: version("1.34")) == ([], []))
    }

    @Test func nonStringValueIsDenied() {
        var document = service()
        document["spec"]?["trafficDistribution"] = .number("1")
        #expect(messages(policy.validate(document, version: version("1.34"))) == ["spec.trafficDistribution: Invalid value: must be a string"])
    }

    @Test func versionIsNotNeededWithoutTheField() throws {
        struct Unknown: Error {}
        let result = try policy.validate(service(labels: [(optIn, "true")]), version: { throw Unknown() })
        #expect(result == ([], []))
        #expect(throws: Unknown.self) { try policy.validate(service(trafficDistribution: "PreferClose"), version: { throw Unknown() }) }
    }
}
