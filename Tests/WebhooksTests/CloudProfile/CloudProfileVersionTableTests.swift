import Foundation
import JSON
import Testing
@testable import Webhooks

/// The quick read of the CloudProfile webhooks (`CloudProfileVersionTable`): it allows what
/// passes every rule and hands everything else to the full rules, which then answer with the
/// messages. Each case states what the quick read must do and what the full answer is.
struct CloudProfileVersionTableTests {
    /// What the quick read of the validating webhook answers for an object, and what the
    /// handler finally answers (allowed or not).
    func decide(_ object: String, kind: String = "CloudProfile", operation: String = "CREATE", old: String = "null",
                settings: CloudProfileSettings = CloudProfileSettings()) throws -> (quick: AdmissionOutcome?, allowed: Bool) {
        let resource = kind == "CloudProfile" ? "cloudprofiles" : "namespacedcloudprofiles"
        let body = Array(#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","kind":{"group":"core.gardener.cloud","version":"v1beta1","kind":"\#(kind)"},"resource":{"group":"core.gardener.cloud","version":"v1beta1","resource":"\#(resource)"},"name":"p","operation":"\#(operation)","userInfo":{},"object":\#(object),"oldObject":\#(old)}}"#.utf8)
        let webhook = CloudProfileValidationWebhook(settings: settings, clock: fixedClock)
        let quick = try body.withUnsafeBufferPointer { try webhook.scanAndAdmit($0).outcome }
        let answer = text(try AdmissionReviewHandler(webhook: webhook).review(body))
        let allowed = answer.contains(#""allowed":true"#)
        // The tape (simdjson) allows only what the full rules allow.
        let allowedFromTape = body.withUnsafeBufferPointer { webhook.admitFromTape($0) } != nil
        #expect(!allowedFromTape || allowed, "\(object)")
        return (quick, allowed)
    }

    func profile(_ kubernetes: String, images: String = "[]", kind: String = "CloudProfile") -> String {
        #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"\#(kind)","metadata":{"name":"p"},"spec":{"kubernetes":{"versions":\#(kubernetes)},"machineImages":\#(images),"type":"local"}}"#
    }

    static let lifecycle = #"[{"classification":"preview"},{"classification":"supported","startTime":"2026-01-01T00:00:00Z"},{"classification":"deprecated","startTime":"2027-01-01T00:00:00Z"}]"#

    @Test func aProfileThatPassesEveryRuleIsAllowedByTheQuickRead() throws {
        let object = profile(#"[{"version":"1.30.0","lifecycle":\#(Self.lifecycle)},{"version":"1.29.1","classification":"deprecated","expirationDate":"2027-01-01T00:00:00Z"},{"version":"1.31.0"}]"#,
                             images: #"[{"name":"gardenlinux","versions":[{"version":"1590.1.0","architectures":["amd64"],"lifecycle":[{"classification":"supported"}]}]}]"#)
        let result = try decide(object)
        #expect(result.quick == .allowed)
        #expect(result.allowed)
    }

    @Test func theBenchmarkAndCapturedReviewsAreAllowedByTheQuickRead() throws {
        let webhook = CloudProfileValidationWebhook(clock: fixedClock)
        let mutation = CloudProfileMutationWebhook(clock: fixedClock)
        var bodies: [[UInt8]] = []
        for name in ["admissionreview-v1-cloudprofile-create.json", "admissionreview-v1-cloudprofile-create-dryrun.json",
                     "admissionreview-v1-cloudprofile-update-serverside-apply.json"] {
            bodies.append(try Fixtures.bytes(name))
        }
        for body in bodies {
            #expect(try body.withUnsafeBufferPointer { try webhook.scanAndAdmit($0).outcome } == .allowed)
            #expect(try body.withUnsafeBufferPointer { try mutation.scanAndAdmit($0).outcome } == .allowed)
            #expect(body.withUnsafeBufferPointer { webhook.admitFromTape($0) }?.uid.isEmpty == false)
            #expect(body.withUnsafeBufferPointer { mutation.admitFromTape($0) } != nil)
        }
    }

    /// Objects the rules deny: the quick read must not allow them; the full rules deny.
    @Test(arguments: [
        ("no Kubernetes versions", #"[]"#, "[]"),
        ("a version that is not x.y.z", #"[{"version":"1.30"}]"#, "[]"),
        ("a duplicate version", #"[{"version":"1.30.0"},{"version":"1.29.0"},{"version":"1.30.0"}]"#, "[]"),
        ("the latest version with an expiration date", #"[{"version":"1.29.0"},{"version":"1.30.0","expirationDate":"2027-01-01T00:00:00Z"}]"#, "[]"),
        ("the latest version ending expired", #"[{"version":"1.30.0","lifecycle":[{"classification":"supported"},{"classification":"expired","startTime":"2027-01-01T00:00:00Z"}]},{"version":"1.29.0"}]"#, "[]"),
        ("classification expired without lifecycle", #"[{"version":"1.30.0"},{"version":"1.29.0","classification":"expired"}]"#, "[]"),
        ("classification and lifecycle together", #"[{"version":"1.30.0","classification":"preview","lifecycle":[{"classification":"preview"}]}]"#, "[]"),
        ("stages out of order", #"[{"version":"1.30.0","lifecycle":[{"classification":"supported"},{"classification":"preview","startTime":"2027-01-01T00:00:00Z"}]}]"#, "[]"),
        ("a duplicate stage", #"[{"version":"1.30.0","lifecycle":[{"classification":"supported"},{"classification":"supported","startTime":"2027-01-01T00:00:00Z"}]}]"#, "[]"),
        ("a later stage without start time", #"[{"version":"1.30.0","lifecycle":[{"classification":"preview"},{"classification":"supported"}]}]"#, "[]"),
        ("decreasing start times", #"[{"version":"1.30.0","lifecycle":[{"classification":"preview","startTime":"2027-01-01T00:00:00Z"},{"classification":"supported","startTime":"2026-01-01T00:00:00Z"}]}]"#, "[]"),
        ("a machine image stage out of order", #"[{"version":"1.30.0"}]"#, #"[{"name":"i","versions":[{"version":"1.0.0","lifecycle":[{"classification":"deprecated"},{"classification":"preview","startTime":"2027-01-01T00:00:00Z"}]}]}]"#),
        ("overlapping legacy supported versions of one minor", #"[{"version":"1.30.1","classification":"supported"},{"version":"1.30.0","classification":"supported"}]"#, "[]"),
    ])
    func deniedObjectsAreLeftToTheFullRules(_ name: String, _ kubernetes: String, _ images: String) throws {
        let result = try decide(profile(kubernetes, images: images))
        #expect(result.quick == nil, "\(name)")
        #expect(!result.allowed, "\(name)")
    }

    /// Objects the quick read cannot represent: it steps aside and the full rules answer,
    /// whatever that answer is.
    @Test(arguments: [
        #"[{"version":"1.3\u0030.0"}]"#,
        #"[{"version":"1.30.0","classification":"stable"}]"#,
        #"[{"version":"1.30.0","version":"1.31.0"}]"#,
        #"[{"version":130}]"#,
        #"[{"version":"1.30.0","expirationDate":"soon"}]"#,
        #"[{"version":"1.30.0","lifecycle":[{"startTime":"2026-01-01T00:00:00Z"}]}]"#,
        #"[{"version":"1.030.0"}]"#,
        #"[{"version":"99999999999999999999.0.0"}]"#,
        #"{"not":"a list"}"#,
    ])
    func unusualObjectsAreLeftToTheFullRules(_ kubernetes: String) throws {
        #expect(try decide(profile(kubernetes)).quick == nil)
    }

    @Test func aLegacySupportedVersionAloneIsAllowedByTheFullRules() throws {
        // The quick read leaves every legacy `supported` version to the full rules (they compare
        // it with its minor's other versions); alone it passes them.
        let result = try decide(profile(#"[{"version":"1.30.0","classification":"supported"}]"#))
        #expect(result.quick == nil)
        #expect(result.allowed)
    }

    @Test func lifecyclesAreLeftToTheFullRulesWhenTheFeatureGateIsOff() throws {
        let object = profile(#"[{"version":"1.30.0","lifecycle":\#(Self.lifecycle)}]"#)
        let result = try decide(object, settings: CloudProfileSettings(versionClassificationLifecycle: false))
        #expect(result.quick == nil)
        #expect(!result.allowed)
        #expect(try decide(object).quick == .allowed)
    }

    @Test func anUpdateIsAllowedQuicklyOnlyWithoutUnavailableVersions() throws {
        let old = profile(#"[{"version":"1.30.0","lifecycle":[{"classification":"supported"}]}]"#)
        let fine = try decide(profile(#"[{"version":"1.30.0","lifecycle":[{"classification":"supported"}]}]"#), operation: "UPDATE", old: old)
        #expect(fine.quick == .allowed)
        // Turned unavailable: every stage starts in the future.
        let unavailable = try decide(profile(#"[{"version":"1.30.0","lifecycle":[{"classification":"supported","startTime":"2027-01-01T00:00:00Z"}]}]"#),
                                     operation: "UPDATE", old: old)
        #expect(unavailable.quick == nil)
        #expect(!unavailable.allowed)
        // An old object the quick read cannot hold leaves the update to the full rules.
        let oddOld = try decide(profile(#"[{"version":"1.30.0"}]"#), operation: "UPDATE", old: profile(#"[{"version":"1.3\u0030.0"}]"#))
        #expect(oddOld.quick == nil)
        #expect(oddOld.allowed)
    }

    @Test func namespacedCloudProfilesForbidClassificationsAndAllowNoKubernetes() throws {
        let withClassification = try decide(profile(#"[{"version":"1.30.0","classification":"supported"}]"#, kind: "NamespacedCloudProfile"),
                                            kind: "NamespacedCloudProfile")
        #expect(withClassification.quick == nil)
        #expect(!withClassification.allowed)
        let noKubernetes = #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"NamespacedCloudProfile","metadata":{"name":"p"},"spec":{"parent":{"kind":"CloudProfile","name":"local"}}}"#
        #expect(try decide(noKubernetes, kind: "NamespacedCloudProfile").quick == .allowed)
        let clean = try decide(profile(#"[{"version":"1.30.0","lifecycle":\#(Self.lifecycle)}]"#, kind: "NamespacedCloudProfile"), kind: "NamespacedCloudProfile")
        #expect(clean.quick == .allowed)
    }

    @Test func theMutationIsDecidedQuicklyOnlyWhenNothingChanges() throws {
        func quick(_ object: String, operation: String = "CREATE", settings: CloudProfileSettings = CloudProfileSettings()) throws -> AdmissionOutcome? {
            let body = Array(#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","kind":{"group":"core.gardener.cloud","version":"v1beta1","kind":"CloudProfile"},"resource":{"group":"core.gardener.cloud","version":"v1beta1","resource":"cloudprofiles"},"name":"p","operation":"\#(operation)","userInfo":{},"object":\#(object),"oldObject":null}}"#.utf8)
            let webhook = CloudProfileMutationWebhook(settings: settings, clock: fixedClock)
            return try body.withUnsafeBufferPointer { try webhook.scanAndAdmit($0).outcome }
        }
        #expect(try quick(profile(#"[{"version":"1.30.0","lifecycle":\#(Self.lifecycle)}]"#)) == .allowed)
        // An expired Kubernetes version is dropped on create.
        #expect(try quick(profile(#"[{"version":"1.30.0"},{"version":"1.29.0","classification":"deprecated","expirationDate":"2026-01-01T00:00:00Z"}]"#)) == nil)
        // A machine-image version expired on create.
        #expect(try quick(profile(#"[{"version":"1.30.0"}]"#, images: #"[{"name":"i","versions":[{"version":"1.0.0","lifecycle":[{"classification":"supported"},{"classification":"expired","startTime":"2026-01-01T00:00:00Z"}]}]}]"#)) == nil)
        // Legacy fields with the migration on.
        let legacy = profile(#"[{"version":"1.30.0"},{"version":"1.29.0","classification":"deprecated"}]"#)
        #expect(try quick(legacy) == .allowed)
        #expect(try quick(legacy, settings: CloudProfileSettings(migrateLegacyClassification: true)) == nil)
    }
}

/// The table's reading of times: remembered times must be the times their text says, however
/// many different dates a profile holds and in whatever order they come.
struct CloudProfileVersionTableTimeTests {
    @Test func everyTimeReadIsTheTimeItsTextSays() throws {
        // Seven dates (more than are remembered), revisited out of order, with offsets and
        // fractions in between (read but not remembered).
        let dates = ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2027-02-01T00:00:00Z",
                     "2026-03-01T00:00:00Z", "2027-03-01T00:00:00Z", "2028-12-31T23:59:59Z"]
        let order = [0, 1, 0, 1, 2, 3, 4, 5, 6, 0, 6, 3, 2, 5, 1, 4, 4, 0]
        let others = ["2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00.5Z"]
        let texts = order.map { dates[$0] } + others + [dates[0], dates[1]]
        var versions: [String] = []
        for (index, text) in texts.enumerated() {
            versions.append(#"{"version":"1.\#(index).0","classification":"deprecated","expirationDate":"\#(text)","lifecycle":[{"classification":"supported","startTime":"\#(text)"}]}"#)
        }
        let object = Array(#"{"spec":{"kubernetes":{"versions":[\#(versions.joined(separator: ","))]}}}"#.utf8)
        let tables: [CloudProfileVersionTable] = try object.withUnsafeBufferPointer { buffer in
            var bytes = JSONReader(buffer)
            let fromBytes = try CloudProfileVersionTable.read(&bytes)
            let tape = try #require(JSONTape(buffer))
            var onTape = tape.reader
            return [fromBytes, try CloudProfileVersionTable.read(&onTape)]
        }
        for table in tables {
            #expect(table.versions.count == texts.count)
            for (version, text) in zip(table.versions, texts) {
                let expected = try #require(Timestamp(rfc3339: text))
                #expect(version.expirationDate == expected, "\(text)")
                #expect(table.stages[version.stages].map(\.startTime) == [expected], "\(text)")
            }
        }
    }
}
