import JSON
import Testing
@testable import Webhooks

/// One test per rule of gardener-behaviour.md B.3, each asserting Gardener's exact path and message.
struct CloudProfileValidationWebhookTests {
    let images = #"[{"name":"gardenlinux","updateStrategy":"minor","versions":[{"version":"1592.1.0"}]}]"#

    @Test func lifecycleWithTheGateOffIsForbiddenAndReportedAlone() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.31.0","classification":"preview","lifecycle":[{"classification":"supported"},{"classification":"preview"}]}]"#)
        let outcome = try validate(profile, settings: CloudProfileSettings(versionClassificationLifecycle: false))
        #expect(denial(outcome) == "403 spec.kubernetes.versions[0].lifecycle: Forbidden: lifecycles are not allowed with disabled VersionClassificationLifecycle feature gate")
        #expect(try validate(profile) != .allowed)
    }

    @Test func gateOffStillAcceptsLegacyVersions() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","classification":"deprecated","expirationDate":"2026-09-01T00:00:00Z"},{"version":"1.31.0"}]"#)
        #expect(try validate(profile, settings: CloudProfileSettings(versionClassificationLifecycle: false)) == .allowed)
    }

    @Test func legacyExpiredClassificationIsForbidden() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.31.0"}]"#,
                                   machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1.0.0","classification":"expired"}]}]"#)
        #expect(denial(try validate(profile)) == "403 spec.machineImages[0].versions[0].classification: Forbidden: cannot specify `classification` expired")
    }

    @Test func legacyFieldsTogetherWithLifecycleAreForbiddenOnTheVersion() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","expirationDate":"2027-01-01T00:00:00Z","lifecycle":[{"classification":"supported"}]},{"version":"1.31.0"}]"#)
        #expect(denial(try validate(profile)) == "403 spec.kubernetes.versions[0]: Forbidden: cannot specify `classification` or `expirationDate` in combination with `lifecycle`")
    }

    @Test func duplicateClassificationInOneLifecycle() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","lifecycle":[{"classification":"preview"},{"classification":"preview","startTime":"2026-01-01T00:00:00Z"}]},{"version":"1.31.0"}]"#)
        #expect(denial(try validate(profile)) == #"403 spec.kubernetes.versions[0].lifecycle[1].classification: Duplicate value: "preview""#)
    }

    @Test func stagesOutOfOrder() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.31.0"}]"#, machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1.0.0","lifecycle":[{"classification":"deprecated"},{"classification":"preview","startTime":"2026-01-01T00:00:00Z"}]}]}]"#)
        #expect(denial(try validate(profile)) == #"403 spec.machineImages[0].versions[0].lifecycle[1].classification: Invalid value: "preview": lifecycle classifications not in expected order (preview, supported, deprecated, expired): preview must be before deprecated"#)
    }

    @Test func skippedStagesAreFine() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","lifecycle":[{"classification":"preview"},{"classification":"expired","startTime":"2026-01-01T00:00:00Z"}]},{"version":"1.31.0"}]"#)
        #expect(try validate(profile) == .allowed)
    }

    @Test func onlyTheFirstStageMayOmitTheStartTime() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","lifecycle":[{"classification":"preview"},{"classification":"supported"}]},{"version":"1.31.0"}]"#)
        #expect(denial(try validate(profile)) == "403 spec.kubernetes.versions[0].lifecycle[1]: Required value: only the leading lifecycle elements can have the start time optional")
    }

    @Test func startTimesMustNotDecrease() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","lifecycle":[{"classification":"preview","startTime":"2026-03-01T12:30:00Z"},{"classification":"supported","startTime":"2026-01-01T00:00:00.5+02:00"}]},{"version":"1.31.0"}]"#)
        #expect(denial(try validate(profile)) == #"403 spec.kubernetes.versions[0].lifecycle[1]: Invalid value: "2025-12-31 22:00:00.5 +0000 UTC": lifecycle start times must be monotonically increasing"#)
    }

    @Test func equalStartTimesAreAllowed() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","lifecycle":[{"classification":"preview","startTime":"2026-03-01T00:00:00Z"},{"classification":"supported","startTime":"2026-03-01T00:00:00Z"}]},{"version":"1.31.0"}]"#)
        #expect(try validate(profile) == .allowed)
    }

    @Test func latestKubernetesVersionMustNotHaveAnExpirationDate() throws {
        // 1.10.0 is the latest by semantic version, though "1.9.0" sorts after it as text.
        let profile = cloudProfile(kubernetes: #"[{"version":"1.9.0"},{"version":"1.10.0","expirationDate":"2027-01-01T00:00:00Z"}]"#)
        #expect(denial(try validate(profile)) == #"403 spec.kubernetes.versions[].expirationDate: Invalid value: "2027-01-01T00:00:00Z": expiration date of latest kubernetes version ('1.10.0') must not be set"#)
    }

    @Test func latestKubernetesVersionMustNotEndExpired() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.10.0","lifecycle":[{"classification":"supported"},{"classification":"expired","startTime":"2027-01-01T00:00:00Z"}]},{"version":"1.9.3","lifecycle":[{"classification":"supported"},{"classification":"expired","startTime":"2027-01-01T00:00:00Z"}]}]"#)
        #expect(denial(try validate(profile)) == "403 spec.kubernetes.versions[].lifecycle: Invalid value: null: classification expired of latest kubernetes version ('1.10.0') must not be set")
    }

    @Test func turningAVersionUnavailableOnUpdateIsForbidden() throws {
        let old = cloudProfile(kubernetes: #"[{"version":"1.30.0","lifecycle":[{"classification":"preview","startTime":"2026-01-01T00:00:00Z"}]},{"version":"1.31.0"}]"#,
                               machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1.0.0"}]}]"#)
        let new = cloudProfile(kubernetes: #"[{"version":"1.31.0"},{"version":"1.30.0","lifecycle":[{"classification":"preview","startTime":"2026-07-01T00:00:00Z"}]}]"#,
                               machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1.0.0","lifecycle":[{"classification":"supported","startTime":"2026-06-01T00:00:00Z"}]}]}]"#)
        #expect(denial(try validate(new, old: old)) == "403 [spec.kubernetes.versions[1]: Forbidden: a version cannot be turned unavailable if it was already moved into a later lifecycle stage, spec.machineImages[0].versions[0]: Forbidden: a version cannot be turned unavailable if it was already moved into a later lifecycle stage]")
        // A version that was unavailable may stay so; a new version may start unavailable.
        #expect(try validate(new, old: new) == .allowed)
        #expect(try validate(new, old: cloudProfile(kubernetes: #"[{"version":"1.31.0"}]"#)) == .allowed)
    }

    @Test func unsupportedClassificationValues() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","classification":"stable"},{"version":"1.31.0","lifecycle":[{"classification":"unavailable"},{"classification":"supported","startTime":"2026-01-01T00:00:00Z"}]}]"#)
        #expect(denial(try validate(profile)) == #"403 [spec.kubernetes.versions[0].classification: Unsupported value: "stable": supported values: "deprecated", "expired", "preview", "supported", spec.kubernetes.versions[1].lifecycle[0].classification: Unsupported value: "unavailable": supported values: "deprecated", "expired", "preview", "supported"]"#)
    }

    @Test func twoLegacySupportedVersionsOfOneMinorAreForbiddenOnBoth() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.1","classification":"supported"},{"version":"1.30.2","classification":"supported"},{"version":"1.31.0"}]"#)
        #expect(denial(try validate(profile)) == #"403 [spec.kubernetes.versions[0]: Forbidden: unable to add version "1.30.1" with classification "supported". "supported" lifecycle stages must not overlap per minor version, spec.kubernetes.versions[1]: Forbidden: unable to add version "1.30.2" with classification "supported". "supported" lifecycle stages must not overlap per minor version]"#)
    }

    @Test func lifecycleSupportedVersionsOfOneMinorMayCoexist() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.31.0"}]"#, machineImages: #"[{"name":"gardenlinux","versions":[{"version":"3.4.1","lifecycle":[{"classification":"supported"}]},{"version":"3.4.2","lifecycle":[{"classification":"supported"}]}]}]"#)
        #expect(try validate(profile) == .allowed)
    }

    @Test func kubernetesVersionsMustBeThreeNumbersAndUnique() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.31"},{"version":"1.31.0"},{"version":"1.31.0"}]"#)
        #expect(denial(try validate(profile)) == #"403 [spec.kubernetes.versions[0]: Invalid value: {"Version":"1.31","ExpirationDate":null,"Classification":null,"Lifecycle":null}: all Kubernetes versions must match the regex ^([0-9]+\.){2}[0-9]+$, spec.kubernetes.versions[2].version: Duplicate value: "1.31.0"]"#)
    }

    @Test func aCloudProfileNeedsKubernetesVersions() throws {
        let profile = cloudProfile(kubernetes: "[]")
        #expect(denial(try validate(profile)) == #"403 [spec.kubernetes.versions: Required value: must provide at least one Kubernetes version, spec.kubernetes.versions: Invalid value: "": failed to determine the latest kubernetes version from the cloud profile]"#)
    }

    @Test func namespacedCloudProfileKubernetesVersionsMustNotCarryAClassification() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","classification":"supported","lifecycle":[{"classification":"supported"}]}]"#, kind: "NamespacedCloudProfile")
        #expect(denial(try validate(profile, kind: "NamespacedCloudProfile")) == "403 [spec.kubernetes.versions[0].classification: Forbidden: must not provide a classification to a Kubernetes version in NamespacedCloudProfile, spec.kubernetes.versions[0]: Forbidden: cannot specify `classification` or `expirationDate` in combination with `lifecycle`]")
    }

    @Test func namespacedCloudProfileLifecyclesFollowTheSameRules() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.30.0","lifecycle":[{"classification":"supported"},{"classification":"preview","startTime":"2026-01-01T00:00:00Z"}]}]"#, kind: "NamespacedCloudProfile")
        #expect(denial(try validate(profile, kind: "NamespacedCloudProfile")) == #"403 spec.kubernetes.versions[0].lifecycle[1].classification: Invalid value: "preview": lifecycle classifications not in expected order (preview, supported, deprecated, expired): preview must be before supported"#)
        #expect(denial(try validate(profile, kind: "NamespacedCloudProfile", settings: CloudProfileSettings(versionClassificationLifecycle: false)))
            == "403 spec.kubernetes.versions[0].lifecycle: Forbidden: lifecycles are not allowed with disabled VersionClassificationLifecycle feature gate")
        // The latest-version rules are the parent CloudProfile's; an expiring latest version is fine here.
        let expiring = cloudProfile(kubernetes: #"[{"version":"1.30.0","expirationDate":"2027-01-01T00:00:00Z"}]"#, kind: "NamespacedCloudProfile")
        #expect(try validate(expiring, kind: "NamespacedCloudProfile") == .allowed)
    }

    @Test func capturedReviewsAreAllowed() throws {
        let webhook = CloudProfileValidationWebhook(clock: fixedClock)
        for name in ["admissionreview-v1-cloudprofile-create.json", "admissionreview-v1-cloudprofile-create-dryrun.json",
                     "admissionreview-v1-cloudprofile-update-serverside-apply.json", "admissionreview-v1-cloudprofile-delete.json",
                     "admissionreview-v1-cloudprofile-create-deny-me.json"] {
            let review = try AdmissionReview.decode(try Fixtures.bytes(name))
            #expect(try webhook.admit(review.request) == .allowed, "\(name)")
        }
    }

    @Test func statusUpdatesAreNotValidated() throws {
        let broken = cloudProfile(kubernetes: #"[{"version":"1.30.0","classification":"expired"}]"#)
        let webhook = CloudProfileValidationWebhook(clock: fixedClock)
        #expect(try webhook.admit(request(broken, old: broken, operation: .update, subResource: "status")) == .allowed)
    }

    @Test func otherKindsAreRefusedAsUndecodable() throws {
        let review = try AdmissionReview.decode(try Fixtures.bytes("admissionreview-v1-service-create-by-seed.json"))
        let outcome = try CloudProfileValidationWebhook(clock: fixedClock).admit(review.request)
        #expect(denial(outcome) == "400 this webhook admits core.gardener.cloud CloudProfiles and NamespacedCloudProfiles, not /v1, Kind=Service")
    }

    @Test func malformedVersionsAreRefusedAsUndecodable() throws {
        #expect(denial(try validate(cloudProfile(kubernetes: #"[{"version":"1.31.0","lifecycle":[{"classification":"preview","startTime":"tomorrow"}]}]"#)))
            == #"400 cannot decode CloudProfile: spec.kubernetes.versions[0].lifecycle[0].startTime: "tomorrow" is not an RFC 3339 date-time"#)
        #expect(denial(try validate(cloudProfile(kubernetes: #"{"version":"1.31.0"}"#)))
            == "400 cannot decode CloudProfile: spec.kubernetes.versions: must be an array")
        #expect(denial(try validate(cloudProfile(kubernetes: #"[{"version":131}]"#)))
            == "400 cannot decode CloudProfile: spec.kubernetes.versions[0].version: must be a string")
        #expect(denial(try validate(json(#"{"spec":[]}"#))) == "400 cannot decode CloudProfile: spec: must be an object")
        #expect(denial(try CloudProfileValidationWebhook(clock: fixedClock).admit(request(nil))) == "400 request.object is missing")
        #expect(denial(try validate(cloudProfile(kubernetes: #"[{"version":"1.31.0"}]"#), old: json("[]"))) == "400 cannot decode CloudProfile: <object>: must be a JSON object")
    }
}
