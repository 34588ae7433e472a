import JSON
import Testing
@testable import Webhooks

struct CloudProfileMutationWebhookTests {
    let webhook = CloudProfileMutationWebhook(clock: fixedClock)
    let migrating = CloudProfileMutationWebhook(settings: CloudProfileSettings(migrateLegacyClassification: true), clock: fixedClock)

    /// The response the endpoint would send, and the webhook's output object.
    func mutate(_ request: AdmissionRequest, with webhook: CloudProfileMutationWebhook) throws -> (response: AdmissionResponse, object: JSONValue?) {
        let response = try AdmissionReviewHandler(webhook: webhook).respond(to: AdmissionReview(apiVersion: .v1, request: request))
        if case .patched(let object, _) = try webhook.admit(request) { return (response, object) }
        return (response, nil)
    }

    /// Mutating the output again changes nothing, and Python's jsonpatch turns the input into the output.
    func expectIdempotentAndPortable(_ request: AdmissionRequest, with webhook: CloudProfileMutationWebhook) throws {
        let (response, object) = try mutate(request, with: webhook)
        let output = try #require(object)
        let patch = try #require(response.patch)
        let input = try #require(request.object)
        #expect(try applyWithPython(patch: patch, to: input) == canonicalWithPython(output))
        var again = request
        again.object = output
        #expect(try mutate(again, with: webhook).response.patch == nil)
    }

    @Test func createDropsExpiredAndUnavailableKubernetesVersionsButOnlyExpiredImageVersions() throws {
        let profile = cloudProfile(
            kubernetes: #"[{"version":"1.28.0","expirationDate":"2026-01-01T00:00:00Z"},{"version":"1.30.0"},{"version":"1.31.0","lifecycle":[{"classification":"preview","startTime":"2026-07-01T00:00:00Z"}]}]"#,
            machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1.0.0","lifecycle":[{"classification":"expired"}]},{"version":"2.0.0","lifecycle":[{"classification":"preview","startTime":"2026-07-01T00:00:00Z"}]}]}]"#,
            status: #"{"kubernetes":{"versions":[]}}"#)
        let (response, object) = try mutate(request(profile), with: webhook)
        #expect(response.allowed)
        let output = try #require(object)
        #expect(JSONWriter.string(output) == #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"CloudProfile","metadata":{"name":"local"},"spec":{"kubernetes":{"versions":[{"version":"1.30.0"}]},"machineImages":[{"name":"gardenlinux","versions":[{"version":"2.0.0","lifecycle":[{"classification":"preview","startTime":"2026-07-01T00:00:00Z"}]}]}],"type":"local","x-unknown":{"keep":[1,2.50,"me"]}}}"#)
        #expect(response.warnings == ["inactive versions dropped: spec.kubernetes.versions[0] (1.28.0, expired), spec.kubernetes.versions[2] (1.31.0, unavailable), spec.machineImages[0].versions[0] (1.0.0, expired)"])
        try expectIdempotentAndPortable(request(profile), with: webhook)
    }

    @Test func updateKeepsInactiveVersionsOfACloudProfile() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.28.0","expirationDate":"2026-01-01T00:00:00Z"},{"version":"1.30.0"}]"#)
        let (response, _) = try mutate(request(profile, old: profile, operation: .update), with: webhook)
        #expect(response == AdmissionResponse(uid: "test-uid", allowed: true))
    }

    @Test func legacyClassificationIsRewrittenIntoTheEquivalentLifecycle() throws {
        let profile = cloudProfile(
            kubernetes: #"[{"version":"1.29.0","classification":"deprecated","expirationDate":"2026-09-01T00:00:00Z","x":1},{"version":"1.30.0","expirationDate":"2026-10-01T00:00:00Z"},{"version":"1.31.0","classification":"preview"}]"#,
            machineImages: #"[{"name":"gardenlinux","versions":[{"classification":"supported","version":"1.0.0","lifecycle":null}]}]"#)
        let (response, object) = try mutate(request(profile, old: profile, operation: .update), with: migrating)
        let output = try #require(object)
        #expect(JSONWriter.string(try #require(output[path: "spec", "kubernetes", "versions"])) == #"[{"version":"1.29.0","lifecycle":[{"classification":"deprecated"},{"classification":"expired","startTime":"2026-09-01T00:00:00Z"}],"x":1},{"version":"1.30.0","lifecycle":[{"classification":"supported"},{"classification":"expired","startTime":"2026-10-01T00:00:00Z"}]},{"version":"1.31.0","lifecycle":[{"classification":"preview"}]}]"#)
        #expect(JSONWriter.string(try #require(output[path: "spec", "machineImages"])) == #"[{"name":"gardenlinux","versions":[{"lifecycle":[{"classification":"supported"}],"version":"1.0.0"}]}]"#)
        #expect(response.warnings == ["legacy classification/expirationDate rewritten into lifecycle: spec.kubernetes.versions[0], spec.kubernetes.versions[1], spec.kubernetes.versions[2], spec.machineImages[0].versions[0]"])
        // Every version keeps its classification, now and later.
        let before = try CloudProfileSpec(object: profile), after = try CloudProfileSpec(object: output)
        for at in [testNow, time("2026-09-15T00:00:00Z"), time("2027-01-01T00:00:00Z")] {
            #expect(before.kubernetesVersions.map { VersionLifecycle.currentClassification(of: $0, at: at) }
                    == after.kubernetesVersions.map { VersionLifecycle.currentClassification(of: $0, at: at) })
        }
        // The rewritten profile passes validation.
        #expect(try CloudProfileValidationWebhook(clock: fixedClock).admit(request(output, old: profile, operation: .update)) == .allowed)
        try expectIdempotentAndPortable(request(profile, old: profile, operation: .update), with: migrating)
    }

    @Test func legacyVersionsTheValidationRefusesAreNotRewritten() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.29.0","classification":"expired"},{"version":"1.30.0","classification":"stable"},{"version":"1.31.0","classification":"supported","lifecycle":[{"classification":"supported"}]}]"#)
        #expect(try mutate(request(profile, old: profile, operation: .update), with: migrating).response.patch == nil)
        let namespaced = cloudProfile(kubernetes: #"[{"version":"1.30.0","classification":"supported"},{"version":"1.31.0","expirationDate":"2027-01-01T00:00:00Z"}]"#, kind: "NamespacedCloudProfile")
        let namespacedRequest = request(namespaced, old: namespaced, operation: .update, kind: "NamespacedCloudProfile")
        let output = try #require(try mutate(namespacedRequest, with: migrating).object)
        #expect(JSONWriter.string(try #require(output[path: "spec", "kubernetes", "versions"])) == #"[{"version":"1.30.0","classification":"supported"},{"version":"1.31.0","lifecycle":[{"classification":"supported"},{"classification":"expired","startTime":"2027-01-01T00:00:00Z"}]}]"#)
        try expectIdempotentAndPortable(namespacedRequest, with: migrating)
    }

    @Test func migrationIsOffByDefaultAndWhileTheGateIsOff() throws {
        let profile = cloudProfile(kubernetes: #"[{"version":"1.31.0","classification":"preview"}]"#)
        #expect(try mutate(request(profile, old: profile, operation: .update), with: webhook).response.patch == nil)
        let gateOff = CloudProfileMutationWebhook(settings: CloudProfileSettings(versionClassificationLifecycle: false, migrateLegacyClassification: true), clock: fixedClock)
        #expect(try mutate(request(profile, old: profile, operation: .update), with: gateOff).response.patch == nil)
    }

    @Test func statusSubresourceGetsEachVersionsCurrentClassificationFromTheStoredSpec() throws {
        let stored = cloudProfile(
            kubernetes: #"[{"version":"1.30.0","expirationDate":"2026-01-01T00:00:00Z"},{"version":"1.31.0","lifecycle":[{"classification":"preview"},{"classification":"supported","startTime":"2026-06-01T00:00:00Z"}]},{"version":"1.32.0","lifecycle":[{"classification":"preview","startTime":"2026-07-01T00:00:00Z"}]}]"#,
            machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1592.1.0","classification":"preview"}]},{"name":"empty","versions":[]}]"#,
            status: #"{"conditions":[{"type":"x"}]}"#)
        var sent = stored
        sent["spec"] = json(#"{"kubernetes":{"versions":[]}}"#)
        let statusRequest = request(sent, old: stored, operation: .update, subResource: "status")
        let (response, object) = try mutate(statusRequest, with: webhook)
        let output = try #require(object)
        #expect(JSONWriter.string(try #require(output["status"])) == #"{"conditions":[{"type":"x"}],"kubernetes":{"versions":[{"version":"1.30.0","classification":"expired"},{"version":"1.31.0","classification":"preview"},{"version":"1.32.0","classification":"unavailable"}]},"machineImages":[{"name":"gardenlinux","versions":[{"version":"1592.1.0","classification":"preview"}]},{"name":"empty"}]}"#)
        #expect(output["spec"] == sent["spec"])
        #expect(response.patch != nil)
        try expectIdempotentAndPortable(statusRequest, with: webhook)
    }

    @Test func statusInAnotherMemberOrderIsLeftAlone() throws {
        let stored = cloudProfile(kubernetes: #"[{"version":"1.31.0"}]"#, status: #"{"kubernetes":{"versions":[{"classification":"supported","version":"1.31.0"}]}}"#)
        #expect(try mutate(request(stored, old: stored, operation: .update, subResource: "status"), with: webhook).response.patch == nil)
    }

    @Test func namespacedCloudProfileLosesOnlyNewInactiveVersions() throws {
        let old = cloudProfile(kubernetes: #"[{"version":"1.28.0","expirationDate":"2026-01-01T00:00:00Z"}]"#,
                               machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1.0.0","lifecycle":[{"classification":"expired"}]}]}]"#,
                               kind: "NamespacedCloudProfile")
        let new = cloudProfile(kubernetes: #"[{"version":"1.28.0","expirationDate":"2026-01-01T00:00:00Z"},{"version":"1.29.0","expirationDate":"2026-01-01T00:00:00Z"}]"#,
                               machineImages: #"[{"name":"gardenlinux","versions":[{"version":"1.0.0","lifecycle":[{"classification":"expired"}]},{"version":"2.0.0","lifecycle":[{"classification":"preview","startTime":"2027-01-01T00:00:00Z"}]}]},{"name":"other","versions":[{"version":"1.0.0","lifecycle":[{"classification":"expired"}]}]},{"name":"kept","updateStrategy":"minor","versions":[{"version":"1.0.0","lifecycle":[{"classification":"expired"}]}]}]"#,
                               kind: "NamespacedCloudProfile")
        let updateRequest = request(new, old: old, operation: .update, kind: "NamespacedCloudProfile")
        let (response, object) = try mutate(updateRequest, with: webhook)
        let output = try #require(object)
        #expect(JSONWriter.string(try #require(output[path: "spec", "kubernetes", "versions"])) == #"[{"version":"1.28.0","expirationDate":"2026-01-01T00:00:00Z"}]"#)
        #expect(JSONWriter.string(try #require(output[path: "spec", "machineImages"])) == #"[{"name":"gardenlinux","versions":[{"version":"1.0.0","lifecycle":[{"classification":"expired"}]}]},{"name":"kept","updateStrategy":"minor","versions":[]}]"#)
        #expect(response.warnings.count == 1)
        try expectIdempotentAndPortable(updateRequest, with: webhook)
    }

    @Test func capturedCloudProfileReviewsNeedNoChange() throws {
        for name in ["admissionreview-v1-cloudprofile-create.json", "admissionreview-v1-cloudprofile-create-dryrun.json",
                     "admissionreview-v1-cloudprofile-update-serverside-apply.json", "admissionreview-v1-cloudprofile-delete.json"] {
            let handler = AdmissionReviewHandler(webhook: migrating)
            let body = try Fixtures.bytes(name)
            let uid = try #require(try Fixtures.json(name)[path: "request", "uid"]?.stringValue)
            #expect(text(try handler.review(body)) == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":""# + uid + #"","allowed":true}}"# + "\n", "\(name)")
        }
    }

    @Test func otherKindsAndUndecodableObjectsAreRefused() throws {
        let service = try AdmissionReview.decode(try Fixtures.bytes("admissionreview-v1-service-create-by-seed.json")).request
        #expect(denial(try webhook.admit(service)) == "400 this webhook admits core.gardener.cloud CloudProfiles and NamespacedCloudProfiles, not /v1, Kind=Service")
        #expect(denial(try webhook.admit(request(cloudProfile(kubernetes: #"[{"version":"1.31.0","expirationDate":"soon"}]"#))))
            == #"400 cannot decode CloudProfile: spec.kubernetes.versions[0].expirationDate: "soon" is not an RFC 3339 date-time"#)
        #expect(denial(try webhook.admit(request(json("[1]")))) == "400 cannot decode CloudProfile: the object must be a JSON object")
    }
}
