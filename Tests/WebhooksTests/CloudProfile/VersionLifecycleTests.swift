import Testing
@testable import Webhooks

/// gardener-behaviour.md B.4: how the current classification is derived.
struct VersionLifecycleTests {
    func current(_ version: ExpirableVersion, at now: Timestamp = testNow) -> VersionClassification {
        VersionLifecycle.currentClassification(of: version, at: now)
    }

    @Test func noLifecycleAndNoLegacyFieldsIsSupported() {
        #expect(current(ExpirableVersion("1.30.0")) == .supported)
    }

    @Test func legacyClassificationWithoutDateIsThatClassification() {
        #expect(current(ExpirableVersion("1.30.0", classification: .preview)) == .preview)
    }

    @Test func legacyExpirationDateAddsAnExpiredStage() {
        let version = ExpirableVersion("1.30.0", expirationDate: time("2026-07-01T00:00:00Z"))
        #expect(VersionLifecycle.effectiveStages(of: version) == [LifecycleStage(.supported), LifecycleStage(.expired, startTime: time("2026-07-01T00:00:00Z"))])
        #expect(current(version) == .supported)
        #expect(current(version, at: time("2026-07-01T00:00:01Z")) == .expired)
        #expect(current(ExpirableVersion("1.30.0", expirationDate: time("2026-07-01T00:00:00Z"), classification: .deprecated)) == .deprecated)
    }

    @Test func allStagesInTheFutureIsUnavailable() {
        let version = ExpirableVersion("1.30.0", lifecycle: [LifecycleStage(.preview, startTime: time("2026-07-01T00:00:00Z")),
                                                             LifecycleStage(.supported, startTime: time("2026-08-01T00:00:00Z"))])
        #expect(current(version) == .unavailable)
    }

    @Test func theLastStartedStageWins() {
        let version = ExpirableVersion("1.30.0", lifecycle: [LifecycleStage(.preview), LifecycleStage(.supported, startTime: time("2026-01-01T00:00:00Z")),
                                                             LifecycleStage(.deprecated, startTime: time("2026-07-01T00:00:00Z"))])
        #expect(current(version) == .supported)
    }

    @Test func equalStartTimesLetTheLaterStageWin() {
        let version = ExpirableVersion("1.30.0", lifecycle: [LifecycleStage(.preview, startTime: time("2026-01-01T00:00:00Z")),
                                                             LifecycleStage(.supported, startTime: time("2026-01-01T00:00:00Z"))])
        #expect(current(version) == .supported)
    }

    @Test func aStageStartingExactlyNowIsNotActiveYet() {
        let version = ExpirableVersion("1.30.0", lifecycle: [LifecycleStage(.preview), LifecycleStage(.supported, startTime: testNow)])
        #expect(current(version) == .preview)
        #expect(current(version, at: Timestamp(seconds: testNow.seconds, nanoseconds: 1)) == .supported)
    }

    @Test func aFirstStageWithoutStartTimeHasStarted() {
        #expect(current(ExpirableVersion("1.30.0", lifecycle: [LifecycleStage(.deprecated)])) == .deprecated)
        #expect(current(ExpirableVersion("1.30.0", lifecycle: [LifecycleStage(.deprecated)]), at: Timestamp.goZero) == .unavailable)
    }

    @Test func transitionsListTheComingChangesOnly() {
        let version = ExpirableVersion("1.30.0", lifecycle: [
            LifecycleStage(.preview), LifecycleStage(.supported, startTime: time("2026-01-01T00:00:00Z")),
            LifecycleStage(.deprecated, startTime: time("2026-07-01T00:00:00Z")),
            LifecycleStage(.expired, startTime: time("2026-07-01T00:00:00Z")),
        ])
        #expect(VersionLifecycle.transitions(of: version, after: testNow) == [VersionLifecycle.Transition(.expired, at: time("2026-07-01T00:00:00Z"))])
        #expect(VersionLifecycle.transitions(of: ExpirableVersion("1.31.0"), after: testNow) == [])
    }

    @Test func nextTransitionIsTheEarliestFutureStartOverAllVersions() {
        let spec = CloudProfileSpec(kubernetesVersions: [
            ExpirableVersion("1.30.0", expirationDate: time("2026-09-01T00:00:00Z")),
            ExpirableVersion("1.31.0", lifecycle: [LifecycleStage(.preview), LifecycleStage(.supported, startTime: time("2026-05-01T00:00:00Z"))]),
        ], machineImages: [.init(name: "gl", versions: [ExpirableVersion("1.0.0", lifecycle: [LifecycleStage(.preview, startTime: time("2026-08-01T00:00:00Z"))])])])
        #expect(VersionLifecycle.nextTransition(in: spec, after: testNow) == time("2026-08-01T00:00:00Z"))
        #expect(VersionLifecycle.nextTransition(in: spec, after: time("2026-10-01T00:00:00Z")) == nil)
    }
}

struct TimestampTests {
    @Test func parsesRFC3339AsGoDoes() {
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00Z") == Timestamp(seconds: 0))
        #expect(Timestamp(rfc3339: "2026-06-01T02:00:00+02:00") == testNow)
        #expect(Timestamp(rfc3339: "2026-05-31T23:30:00.25-00:30") == Timestamp(seconds: testNow.seconds, nanoseconds: 250_000_000))
        #expect(Timestamp(rfc3339: "2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp(rfc3339: "0001-01-01T00:00:00Z") == Timestamp.goZero)
    }

    @Test(arguments: ["", "2026-06-01", "2026-06-01T00:00:00", "2026-06-01 00:00:00Z", "2026-13-01T00:00:00Z",
                      "2025-02-29T00:00:00Z", "2026-06-01T24:00:00Z", "2026-06-01T00:00:00z", "2026-06-01T00:00:00.Z",
                      "2026-06-01T00:00:00+0200", "２026-06-01T00:00:00Z"])
    func rejectsWhatGoRejects(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    /// `2006-01-02T15:04:05Z`, the form read most, has its own straight-line reading: it must
    /// agree with the printed form across the calendar, and refuse every broken byte.
    @Test func readsTheWholeSecondsUTCFormAcrossTheCalendar() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            // 0001-01-01 … 9999-12-31.
            let seconds = Int64.random(in: -62_135_596_800...253_402_300_799, using: &generator)
            let time = Timestamp(seconds: seconds)
            #expect(time.rfc3339.utf8.count == 20)
            #expect(Timestamp(rfc3339: time.rfc3339) == time, "\(time.rfc3339)")
            #expect(Timestamp(rfc3339: time.rfc3339.dropLast() + "+00:00") == time)
        }
        let valid = Array("2024-02-29T23:59:59Z".utf8)
        for position in valid.indices {
            for byte in Array("/:-TZa 0".utf8) + [0x80] where byte != valid[position] {
                var broken = valid
                broken[position] = byte
                let text = String(decoding: broken, as: UTF8.self)
                // Only a digit for a digit may still be a time (here it never is a valid one
                // except where the changed digit keeps the date possible).
                if (valid[position] >= 0x30 && valid[position] <= 0x39) && (byte >= 0x30 && byte <= 0x39) { continue }
                #expect(Timestamp(rfc3339: text) == nil, "\(text)")
            }
        }
        for text in ["2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z",
                     "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "2100-02-29T00:00:00Z"] {
            #expect(Timestamp(rfc3339: text) == nil, "\(text)")
        }
        #expect(Timestamp(rfc3339: "2000-02-29T00:00:00Z") != nil)
    }

    @Test func printsAsGoTimeAndMetav1Time() {
        let t = Timestamp(seconds: testNow.seconds, nanoseconds: 120_000_000)
        #expect(t.goString == "2026-06-01 00:00:00.12 +0000 UTC")
        #expect(t.rfc3339 == "2026-06-01T00:00:00Z")
        #expect(Timestamp.goZero.goString == "0001-01-01 00:00:00 +0000 UTC")
        #expect(Timestamp(seconds: -1).rfc3339 == "1969-12-31T23:59:59Z")
    }
}

struct SemanticVersionTests {
    func v(_ text: String) -> SemanticVersion? { SemanticVersion(text) }

    @Test func ordersNumericallyAndPutsPrereleasesFirst() throws {
        #expect(try #require(v("1.9.0")) < #require(v("1.10.0")))
        #expect(try #require(v("1.10.0-rc.1")) < #require(v("1.10.0")))
        #expect(try #require(v("1.10.0-rc.2")) < #require(v("1.10.0-rc.10")))
        #expect(try #require(v("1.10.0-alpha")) < #require(v("1.10.0-beta")))
        #expect(try #require(v("1.10.0-1")) < #require(v("1.10.0-alpha")))
        #expect(v("v1.2") == v("1.2.0"))
        #expect(v("1.2.3+build.1") == v("1.2.3"))
    }

    @Test func rejectsWhatIsNotAVersion() {
        for text in ["", "a.b.c", "1.2.3.4", "1..2", "1.2.3-", "1.2.3-a..b", "1.2.3+", "-1.2.3"] {
            #expect(v(text) == nil, "\(text)")
        }
    }
}
