import JSON
import Testing
@testable import Webhooks

/// Request-path code must never trap on what a request carries, and a mutation must be a fixed
/// point: mutating its own output changes nothing.
struct TokenRequestorRandomInputTests {
    @Test func policyNeverTrapsAndMutationIsIdempotentOnHostileSecrets() throws {
        var hostile = HostileValues(random: SplitMix64(state: 0x5EED))
        let policy = TokenRequestorPolicy()
        let ca = try TestCertificates.certificate(commonName: "random CA")
        var outcomes: [String: Int] = [:]
        for round in 0..<3000 {
            var secret = tokenRequestorSecret(annotation: hostile.strings.randomElement(using: &hostile.random),
                                              data: [("kubeconfig", hostile.kubeconfigText()), ("bundle.crt", "x")],
                                              stringData: round % 3 == 0 ? [("bundle.crt", "y")] : nil)
            switch round % 6 {
            case 0: secret["data"]?["kubeconfig"] = hostile.value()
            case 1: secret["metadata"]?["annotations"] = hostile.value()
            case 2: secret["data"] = hostile.value()
            case 3: secret["stringData"] = hostile.value()
            case 4: secret["data"]?["kubeconfig"] = nil
            default: break
            }
            if !policy.validate(secret).isEmpty { outcomes["denied", default: 0] += 1 }
            switch policy.mutate(secret, caBundle: ca) {
            case .changed(let mutated):
                outcomes["changed", default: 0] += 1
                #expect(policy.mutate(mutated, caBundle: ca) == .unchanged, "round \(round)")
            case .refused: outcomes["refused", default: 0] += 1
            case .unchanged: outcomes["unchanged", default: 0] += 1
            }
        }
        // The inputs must reach every branch, or the property says little.
        #expect(["changed", "refused", "unchanged", "denied"].allSatisfy { outcomes[$0, default: 0] > 100 }, "\(outcomes)")
    }
}
