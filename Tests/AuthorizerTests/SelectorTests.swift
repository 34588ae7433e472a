import Authorizer
import Testing

struct SelectorTests {
    private func list(_ labels: [WireRequirement]? = nil, raw: String? = nil, fieldRaw: String? = nil,
                      fields: [WireRequirement]? = nil, resource: String = "shoots") throws -> Decision {
        var attributes = TestGarden.gardenlet("local", "list", resource == "bastions" ? "operations.gardener.cloud" : "core.gardener.cloud",
                                              resource, labels: labels, fields: fields)
        if let raw { attributes.labelSelector = SelectorAttributes(rawSelector: raw) }
        if let fieldRaw { attributes.fieldSelector = SelectorAttributes(rawSelector: fieldRaw) }
        return try SeedAuthorizer(graph: TestGarden.sharedGraph).authorize(attributes).decision
    }
    private let missing = Decision.noOpinion(reason: "must specify field or label selector for name local")

    @Test func negatedLabelOnAnotherKeyNoLongerPasses() throws {
        #expect(try list([WireRequirement(key: "foo", op: "DoesNotExist")]) == missing)
        #expect(try list(raw: "!foo") == missing)
    }

    @Test func notInOnAnotherKeyNoLongerPasses() throws {
        #expect(try list([WireRequirement(key: "env", op: "NotIn", values: ["prod"])]) == missing)
        #expect(try list(raw: "env notin (prod)") == missing)
    }

    @Test func inWithoutTrueDoesNotPass() throws {
        #expect(try list([WireRequirement(key: "name.seed.gardener.cloud/local", op: "In", values: ["false"])]) == missing)
        #expect(try list([WireRequirement(key: "name.seed.gardener.cloud/local", op: "NotIn", values: ["false"])]) == missing)
        #expect(try list([WireRequirement(key: "name.seed.gardener.cloud/other", op: "In", values: ["true"])]) == missing)
    }

    @Test func positiveRequirementsOnTheSeedLabelPass() throws {
        #expect(try list([WireRequirement(key: "name.seed.gardener.cloud/local", op: "In", values: ["true", "false"])]) == .allow)
        #expect(try list([WireRequirement(key: "env", op: "In", values: ["dev"]),
                          WireRequirement(key: "name.seed.gardener.cloud/local", op: "Exists")]) == .allow)
        #expect(try list(raw: "name.seed.gardener.cloud/local=true") == .allow)
        #expect(try list(raw: "name.seed.gardener.cloud/local in (true),env") == .allow)
    }

    @Test func structuredRequirementsOverrideTheRawSelector() throws {
        var attributes = TestGarden.gardenlet("local", "list", "core.gardener.cloud", "shoots")
        attributes.labelSelector = SelectorAttributes(rawSelector: "name.seed.gardener.cloud/local=true",
                                                      requirements: [WireRequirement(key: "env", op: "In", values: ["dev"])])
        #expect(try SeedAuthorizer(graph: TestGarden.sharedGraph).authorize(attributes).decision == missing)
    }

    @Test func invalidRequirementsAreDroppedAndTheRestKept() {
        let requirements = SelectorConversion.labelRequirements(rawSelector: nil, requirements: [
            WireRequirement(key: "bad key!", op: "Exists"),
            WireRequirement(key: "a", op: "Matches", values: ["x"]),
            WireRequirement(key: "b", op: "In", values: []),
            WireRequirement(key: "c", op: "In", values: ["ok"]),
        ])
        #expect(requirements == [LabelRequirement(key: "c", op: .in, values: ["ok"])])
        #expect(SelectorConversion.fieldRequirements(rawSelector: nil, requirements: [
            WireRequirement(key: "spec.seedName", op: "In", values: ["a", "b"]),
            WireRequirement(key: "spec.seedName", op: "Exists"),
            WireRequirement(key: "metadata.name", op: "NotIn", values: ["x"]),
        ]) == [FieldRequirement(field: "metadata.name", op: .notEquals, value: "x")])
    }

    @Test func fieldSelectorsNeedEqualityWithTheSeedName() throws {
        #expect(try list(fields: [WireRequirement(key: "spec.seedName", op: "In", values: ["local"])], resource: "bastions") == .allow)
        #expect(try list(fields: [WireRequirement(key: "spec.seedName", op: "NotIn", values: ["other"])], resource: "bastions") == missing)
        #expect(try list(fieldRaw: "spec.seedName==local", resource: "bastions") == .allow)
        #expect(try list(fieldRaw: "spec.seedName!=other", resource: "bastions") == missing)
    }

    @Test func legacyBranchAllowsSelectorResourcesAndFallsThroughForOthers() throws {
        let authorizer = SeedAuthorizer(graph: TestGarden.sharedGraph, selectors: SelectorAuthorization(.disabled))
        #expect(try authorizer.authorize(TestGarden.gardenlet("local", "list", "core.gardener.cloud", "shoots")).decision == .allow)
        #expect(try authorizer.authorize(TestGarden.gardenlet("local", "list", "core.gardener.cloud", "cloudprofiles")).decision
                == .noOpinion(reason: "No Object name found"))
    }

    @Test func labelSelectorGrammar() throws {
        #expect(try LabelSelectorParser.parse("a=b,!c, d in (x,y), e notin (z),f,g!=h") == [
            LabelRequirement(key: "a", op: .equals, values: ["b"]), LabelRequirement(key: "c", op: .doesNotExist),
            LabelRequirement(key: "d", op: .in, values: ["x", "y"]), LabelRequirement(key: "e", op: .notIn, values: ["z"]),
            LabelRequirement(key: "f", op: .exists), LabelRequirement(key: "g", op: .notEquals, values: ["h"]),
        ])
        #expect(try LabelSelectorParser.parse("a>1") == [LabelRequirement(key: "a", op: .greaterThan, values: ["1"])])
        #expect(try LabelSelectorParser.parse("") == [])
        for bad in ["a in x", "a=b=c", "!a=b", "a>x", "=a", "a,", "-a=b"] {
            #expect(throws: LabelSelectorParser.ParseError.self, "\(bad)") { try LabelSelectorParser.parse(bad) }
        }
    }

    @Test func fieldSelectorGrammar() throws {
        #expect(try FieldSelectorParser.parse("b=2,a==1,c!=x\\,y") == [
            FieldRequirement(field: "a", op: .equals, value: "1"), FieldRequirement(field: "b", op: .equals, value: "2"),
            FieldRequirement(field: "c", op: .notEquals, value: "x,y"),
        ])
        #expect(throws: FieldSelectorParser.ParseError.self) { try FieldSelectorParser.parse("noop") }
        #expect(throws: FieldSelectorParser.ParseError.self) { try FieldSelectorParser.parse("a=b\\q") }
    }
}
