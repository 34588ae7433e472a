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
try suite(Array(arguments.dropFirst()))
