import Foundation
import HTTPServer
import JSON
import Testing
import Webhooks

/// `seed-webhooks admit` is the offline twin of the endpoints: for every captured review it prints
/// exactly the body the TLS endpoint answers. Also `seed-webhooks cloudprofile timeline`.
struct AdmitCommandTests {
    static let now = "2026-11-24T17:17:13Z"

    /// Runs the debug build; (exit status, stdout).
    private func run(_ arguments: [String], input: [UInt8] = []) throws -> (status: Int32, output: String) {
        let executable = RepositoryPaths.file(".build/debug/seed-webhooks")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ScriptFailed(description: "\(executable.path) is missing; `swift build` makes it")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func printsWhatTheEndpointAnswersForEveryCapturedReview() throws {
        let time = try #require(Timestamp(rfc3339: Self.now))
        let settings = CloudProfileSettings(migrateLegacyClassification: true)
        let server = try TestServer(routes: admissionRoutes([
            CloudProfileValidationWebhook(settings: settings, clock: { time }),
            CloudProfileMutationWebhook(settings: settings, clock: { time }),
        ]))
        let client = try server.client()
        let directory = RepositoryPaths.shared.appendingPathComponent("fixtures/kube-apiserver")
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("admissionreview-") }.sorted()
        #expect(fixtures.count == 7)
        for fixture in fixtures {
            let body = try kubeAPIServerFixture(fixture)
            for name in ["validate/cloudprofiles", "mutate/cloudprofiles"] {
                let endpoint = try client.request("POST", "/webhooks/\(name)?timeout=10s", headers: kubeAPIServerAdmissionHeaders, body: body)
                let offline = try run(["admit", "--webhook", name, "--now", Self.now, "--migrate-legacy-classification", "true",
                                       directory.appendingPathComponent(fixture).path])
                #expect(offline.status == 0)
                #expect(offline.output == endpoint.text, "\(fixture) \(name)")
            }
        }
    }

    @Test func readsStandardInputAndAnswersUndecodableReviewsLikeTheEndpoint() throws {
        let offline = try run(["admit", "--webhook", "validate-cloudprofiles", "-"], input: Array(#"{"kind":"AdmissionReview"}"#.utf8))
        #expect(offline.status == 1)
        #expect(offline.output == #"{"code":400,"message":"not a valid AdmissionReview: apiVersion is missing"}"# + "\n")
    }

    @Test func settingsComeFromTheConfigFileAndFlagsWin() throws {
        var review = try JSONParser.parse(try kubeAPIServerFixture("admissionreview-v1-cloudprofile-create.json"))
        review["request"]?["object"]?["spec"]?["kubernetes"] = try JSONParser.parse(#"{"versions":[{"version":"1.36.2","lifecycle":[{"classification":"supported"}]}]}"#)
        let body = JSONWriter.serialize(review)
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("admit-config-\(getpid()).yaml")
        try Data("versionClassificationLifecycle: false\n".utf8).write(to: config)
        defer { try? FileManager.default.removeItem(at: config) }
        let gateOff = try run(["admit", "--webhook", "validate/cloudprofiles", "--config", config.path], input: body)
        #expect(gateOff.output.contains(#""allowed":false,"status":{"code":403,"message":"spec.kubernetes.versions[0].lifecycle: Forbidden: lifecycles are not allowed with disabled VersionClassificationLifecycle feature gate"}"#))
        let flagWins = try run(["admit", "--webhook", "validate/cloudprofiles", "--config", config.path, "--version-classification-lifecycle", "true"], input: body)
        #expect(flagWins.output.contains(#""allowed":true"#))
    }

    @Test func listNamesEveryWebhookAndWhyOneIsLeftOut() throws {
        let listing = try run(["admit", "--list"])
        #expect(listing.status == 0)
        #expect(listing.output == """
            validate/cloudprofiles         validating  POST /webhooks/validate/cloudprofiles
            mutate/cloudprofiles           mutating    POST /webhooks/mutate/cloudprofiles
            validate/traffic-distribution  validating  POST /webhooks/validate/traffic-distribution
            mutate/traffic-distribution    mutating    POST /webhooks/mutate/traffic-distribution
            validate/token-requestor       validating  POST /webhooks/validate/token-requestor       (unavailable: tokenRequestor.caBundleFile is not set)
            mutate/token-requestor         mutating    POST /webhooks/mutate/token-requestor         (unavailable: tokenRequestor.caBundleFile is not set)

            """)
    }

    @Test func timelinePrintsTableAndJSON() throws {
        let profile = Array("""
            apiVersion: core.gardener.cloud/v1beta1
            kind: CloudProfile
            metadata: {name: local}
            spec:
              kubernetes:
                versions:
                - version: 1.31.0
                  classification: deprecated
                  expirationDate: "2026-12-01T00:00:00Z"
                - {version: 1.36.2}
            """.utf8)
        let table = try run(["cloudprofile", "timeline", "-", "--now", Self.now], input: profile)
        #expect(table.status == 0)
        #expect(table.output == """
            SCOPE       VERSION  CURRENT     TRANSITIONS
            kubernetes  1.31.0   deprecated  2026-12-01T00:00:00Z → expired
            kubernetes  1.36.2   supported   -

            as of 2026-11-24T17:17:13Z; next transition: 2026-12-01T00:00:00Z (in 6d 6h)

            """)
        let json = try run(["cloudprofile", "timeline", "-", "--now", Self.now, "--output", "json"], input: profile)
        #expect(json.output == #"{"name":"local","now":"2026-11-24T17:17:13Z","nextTransition":"2026-12-01T00:00:00Z","versions":[{"scope":"kubernetes","version":"1.31.0","classification":"deprecated","transitions":[{"time":"2026-12-01T00:00:00Z","classification":"expired"}]},{"scope":"kubernetes","version":"1.36.2","classification":"supported","transitions":[]}]}"# + "\n")
    }
}
