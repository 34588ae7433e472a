import Foundation

// In-process benchmarks: `seed-webhooks-bench <suite> [options]`, run in release mode by bench/run.
// Each suite lives in its own file as `func run<Suite>Bench(_ arguments: [String]) throws`.

let suites: [String: ([String]) throws -> Void] = [
    "json": runJSONBench,
    "authorizer": runAuthorizerBench,
    "admission": runAdmissionBench,
    "garden": runGardenBench,
    "server": runServerBench,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let suite = suites[name] else {
    print("usage: seed-webhooks-bench <\(suites.keys.sorted().joined(separator: "|"))> [options]")
    exit(2)
}
do {
    try suite(Array(arguments.dropFirst()))
} catch {
    // The suites read fixtures by paths relative to the repository root.
    FileHandle.standardError.write(Data("seed-webhooks-bench \(name): \(error.localizedDescription) (run it from the repository root)\n".utf8))
    exit(1)
}
