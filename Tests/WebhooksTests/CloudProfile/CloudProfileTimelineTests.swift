import JSON
import Testing
@testable import Webhooks

struct CloudProfileTimelineTests {
    let profile = cloudProfile(
        kubernetes: #"[{"version":"1.32.0","lifecycle":[{"classification":"preview"},{"classification":"supported","startTime":"2026-01-01T00:00:00Z"},{"classification":"deprecated","startTime":"2026-07-01T00:00:00Z"},{"classification":"expired","startTime":"2026-12-01T00:00:00Z"}]},{"version":"1.31.0","classification":"deprecated","expirationDate":"2026-08-01T00:00:00Z"},{"version":"1.33.0"}]"#,
        machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1592.1.0","lifecycle":[{"classification":"preview","startTime":"2026-06-15T12:00:00Z"}]}]}]"#)

    @Test func tableAlignsColumnsAndNamesTheNextTransition() throws {
        let timeline = try CloudProfileTimeline(object: profile, now: testNow)
        #expect(timeline.table == """
            SCOPE        VERSION   CURRENT      TRANSITIONS
            kubernetes   1.32.0    supported    2026-07-01T00:00:00Z → deprecated, 2026-12-01T00:00:00Z → expired
            kubernetes   1.31.0    deprecated   2026-08-01T00:00:00Z → expired
            kubernetes   1.33.0    supported    -
            gardenlinux  1592.1.0  unavailable  2026-06-15T12:00:00Z → preview

            as of 2026-06-01T00:00:00Z; next transition: 2026-06-15T12:00:00Z (in 14d 12h)

            """)
    }

    @Test func jsonListsEveryVersionWithItsTransitions() throws {
        let timeline = try CloudProfileTimeline(object: profile, now: time("2026-09-01T00:00:00Z"))
        #expect(JSONWriter.string(timeline.json) == #"{"name":"local","now":"2026-09-01T00:00:00Z","nextTransition":"2026-12-01T00:00:00Z","versions":[{"scope":"kubernetes","version":"1.32.0","classification":"deprecated","transitions":[{"time":"2026-12-01T00:00:00Z","classification":"expired"}]},{"scope":"kubernetes","version":"1.31.0","classification":"expired","transitions":[]},{"scope":"kubernetes","version":"1.33.0","classification":"supported","transitions":[]},{"scope":"gardenlinux","version":"1592.1.0","classification":"preview","transitions":[]}]}"#)
    }

    @Test func nothingComingMeansNoNextTransition() throws {
        let timeline = try CloudProfileTimeline(object: cloudProfile(kubernetes: #"[{"version":"1.33.0"}]"#), now: testNow)
        #expect(timeline.next == nil)
        #expect(timeline.table.hasSuffix("next transition: none\n"))
    }

    @Test func durationsUseTheTwoLargestUnits() {
        #expect(CloudProfileTimeline.duration(from: testNow, to: testNow.adding(seconds: 45)) == "45s")
        #expect(CloudProfileTimeline.duration(from: testNow, to: testNow.adding(seconds: 3 * 3600)) == "3h")
        #expect(CloudProfileTimeline.duration(from: testNow, to: testNow.adding(seconds: 3 * 3600 + 120 + 5)) == "3h 2m")
        #expect(CloudProfileTimeline.duration(from: testNow, to: testNow) == "0s")
    }
}
