import Foundation
import Testing

/// `seed-webhooks authorize` answers a review from a state directory as the endpoint would, and
/// explains the decision on stderr.
struct AuthorizeCommandTests {
    private func run(_ arguments: [String], input: [UInt8] = []) throws -> (status: Int32, output: String, errors: String) {
        let executable = RepositoryPaths.file(".build/debug/seed-webhooks")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ToolFailure(description: "\(executable.path) is missing; `swift build` makes it")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    @Test func answersLikeTheEndpointAndExplainsTheGraphPath() throws {
        let state = RepositoryPaths.file("examples/garden").path
        let review = RepositoryPaths.file("examples/reviews/sar-get-secret-via-secretbinding.json").path
        let result = try run(["authorize", "--state", state, "--explain", review])
        #expect(result.status == 0)
        #expect(result.output == #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":true}}"# + "\n")
        #expect(result.errors.contains("path: Secret:garden-dev/aws-dev -> SecretBinding:garden-dev/aws-dev -> Shoot:garden-dev/api -> Seed:aws-eu1\n"))
    }

    @Test func readsStandardInputAndExitsZeroOnNoOpinion() throws {
        let state = RepositoryPaths.file("examples/garden").path
        let body = Array(try Data(contentsOf: RepositoryPaths.file("examples/reviews/sar-list-shoots-with-negated-label-selector.json")))
        let result = try run(["authorize", "--state", state, "-"], input: body)
        #expect(result.status == 0)
        #expect(result.output == #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":false,"reason":"must specify field or label selector for name aws-eu1"}}"# + "\n")
        let legacy = try run(["authorize", "--state", state, "--authorize-with-selectors", "false", "-"], input: body)
        #expect(legacy.output == #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":true}}"# + "\n")
    }
}
