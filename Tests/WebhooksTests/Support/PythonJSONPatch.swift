import Foundation
import JSON

/// Applies an RFC 6902 patch with Python's `jsonpatch` package, an implementation independent of
/// ours, and returns the result as compact JSON text with sorted keys (Python's canonical form).
func applyWithPython(patch: [UInt8], to document: JSONValue) throws -> String {
    let script = """
    import json, sys, jsonpatch
    data = json.load(sys.stdin)
    result = jsonpatch.JsonPatch(data["patch"]).apply(data["doc"])
    sys.stdout.write(json.dumps(result, sort_keys=True, separators=(",", ":")))
    """
    var input = Array(#"{"patch":"#.utf8) + patch
    input += Array(#","doc":"#.utf8) + JSONWriter.serialize(document) + [UInt8(ascii: "}")]
    return try runPython(script, input: input)
}

/// The same canonical form of a document, computed by Python, for comparison.
func canonicalWithPython(_ document: JSONValue) throws -> String {
    try runPython("import json, sys\nsys.stdout.write(json.dumps(json.load(sys.stdin), sort_keys=True, separators=(\",\", \":\")))",
                  input: JSONWriter.serialize(document))
}

struct PythonFailed: Error, CustomStringConvertible {
    var description: String
}

private func runPython(_ script: String, input: [UInt8]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
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
    guard process.terminationStatus == 0 else {
        throw PythonFailed(description: "python3 failed: " + String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: output, as: UTF8.self)
}
