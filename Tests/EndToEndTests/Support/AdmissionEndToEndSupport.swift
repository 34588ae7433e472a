import Foundation
import JSON

/// How kube-apiserver posts an AdmissionReview (`kube-apiserver-wire.md`): `?timeout=` from the
/// webhook configuration and these headers in this order.
let kubeAPIServerAdmissionHeaders: [(String, String)] = [
    ("User-Agent", "kube-apiserver-admission"),
    ("Accept", "application/json, */*"),
    ("Content-Type", "application/json"),
    ("Accept-Encoding", "gzip"),
]

/// A captured kube-apiserver request body from `../shared/fixtures/kube-apiserver`.
func kubeAPIServerFixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: RepositoryPaths.shared.appendingPathComponent("fixtures/kube-apiserver/" + name)))
}

/// The request's object after the answer's JSONPatch, applied by Python's `jsonpatch` (an
/// implementation independent of this product); the object itself when there is no patch.
func admittedObject(request body: [UInt8], answer: [UInt8]) throws -> JSONValue {
    let object = try JSONParser.parse(body)[path: "request", "object"] ?? .null
    guard let encoded = try JSONParser.parse(answer)[path: "response", "patch"]?.stringValue else { return object }
    guard let patch = Data(base64Encoded: encoded) else { throw ScriptFailed(description: "patch is not base64") }
    let script = """
    import json, sys, jsonpatch
    document, patch = json.loads(sys.stdin.read())
    sys.stdout.write(json.dumps(jsonpatch.JsonPatch(patch).apply(document), separators=(",", ":")))
    """
    let input = Array("[".utf8) + JSONWriter.serialize(object) + Array(",".utf8) + Array(patch) + Array("]".utf8)
    return try JSONParser.parse(try runScript(["python3", "-c", script], input: input))
}

/// The review body with `request.object` replaced (a second pass over a mutated object).
func reviewReplacingObject(_ body: [UInt8], with object: JSONValue) throws -> [UInt8] {
    var review = try JSONParser.parse(body)
    review["request"]?["object"] = object
    return JSONWriter.serialize(review) + [0x0A]
}

struct ScriptFailed: Error, CustomStringConvertible {
    var description: String
}

/// Runs a program found on PATH with `input` on stdin; its stdout, or an error when it fails.
func runScript(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let output = Array(stdout.fileHandleForReading.readDataToEndOfFile())
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ScriptFailed(description: String(decoding: errors, as: UTF8.self))
    }
    return output
}
