import HTTPServer
import Testing

struct ReadinessRegistryTests {
    @Test func readyWhenNoConditionIsSet() {
        #expect(ReadinessRegistry().isReady)
    }

    @Test func conditionsKeepTheirOrderAndAreReplacedByName() {
        let readiness = ReadinessRegistry()
        readiness.markNotReady("certificates", reason: "not loaded")
        readiness.markNotReady("state", reason: "loading")
        readiness.markNotReady("certificates", reason: "expired")
        #expect(!readiness.isReady)
        #expect(readiness.notReadyReasons.map { "\($0.name)=\($0.reason)" } == ["certificates=expired", "state=loading"])
        readiness.markReady("certificates")
        readiness.markReady("unknown")
        #expect(readiness.notReadyReasons.map(\.name) == ["state"])
        readiness.markReady("state")
        #expect(readiness.isReady)
    }
}
