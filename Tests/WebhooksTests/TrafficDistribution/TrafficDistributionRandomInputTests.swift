import JSON
import Testing
@testable import Webhooks

/// Request-path code must never trap on what a request carries, and a mutation must be a fixed
/// point: mutating its own output changes nothing.
struct TrafficDistributionRandomInputTests {
    @Test func trafficPolicyNeverTrapsAndMutationIsIdempotentOnHostileServices() {
        var hostile = HostileValues(random: SplitMix64(state: 0xD157))
        let policy = TrafficDistributionPolicy()
        let versions = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.36"].compactMap(KubernetesVersion.init)
        var changed = 0
        var denied = 0
        for round in 0..<3000 {
            var document = service(labels: [(optIn, ["true", "false", "maybe"][round % 3]), (consider, "true")],
                                   annotations: [(topologyMode, "auto")], trafficDistribution: "PreferClose")
            switch round % 5 {
            case 0: document["spec"]?["trafficDistribution"] = hostile.value()
            case 1: document["metadata"]?["labels"] = hostile.value()
            case 2: document["metadata"]?["annotations"] = hostile.value()
            case 3: document["spec"] = hostile.value()
            default: document["metadata"] = hostile.value()
            }
            let version = versions[round % versions.count]
            if !policy.validate(document, version: version).errors.isEmpty { denied += 1 }
            if let mutated = policy.mutate(document, version: version) {
                changed += 1
                #expect(policy.mutate(mutated, version: version) == nil, "round \(round)")
            }
        }
        #expect(changed > 300 && denied > 300, "changed \(changed), denied \(denied)")
    }
}
