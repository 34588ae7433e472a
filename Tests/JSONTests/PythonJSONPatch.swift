import Foundation
import JSON

/// Python's `jsonpatch` package (PyPI), an RFC 6902 implementation independent of ours.
enum PythonJSONPatch {
    /// Why the check cannot run, or nil when python3 can import jsonpatch (installed with pip
    /// when missing).
    static let unavailableReason: String? = {
        if run(["python3", "-c", "import jsonpatch"]) == 0 { return nil }
        if run(["python3", "-m", "pip", "--version"]) != 0 { return "python3 or pip is not available" }
        _ = run(["python3", "-m", "pip", "install", "--quiet", "jsonpatch"])
        return run(["python3", "-c", "import jsonpatch"]) == 0 ? nil : "pip could not install jsonpatch"
    }()

    static var isAvailable: Bool { unavailableReason == nil }

    private static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static let script = """
        import json, sys, jsonpatch
        results = []
        for document, patch in json.load(sys.stdin):
            try:
                results.append({"ok": jsonpatch.JsonPatch(patch).apply(document)})
            except Exception as error:
                results.append({"error": str(error)})
        json.dump(results, sys.stdout)
        """

    /// Applies each patch (JSON bytes) to its document; a failed application is an `error` string.
    static func apply(_ cases: [(document: JSONValue, patch: [UInt8])]) throws -> [Result<JSONValue, PatchFailure>] {
        var input = Array("[".utf8)
        for (i, item) in cases.enumerated() {
            if i > 0 { input.append(UInt8(ascii: ",")) }
            input += Array("[".utf8) + JSONWriter.serialize(item.document) + Array(",".utf8) + item.patch + Array("]".utf8)
        }
        input += Array("]".utf8)
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("jsonpatch-\(UUID().uuidString).json")
        try Data(input).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PatchFailure(message: "python3 exited \(process.terminationStatus)") }
        guard case .array(let results) = try JSONParser.parse(Array(data)) else { throw PatchFailure(message: "bad output") }
        return results.map { result in
            if let value = result["ok"] { return .success(value) }
            return .failure(PatchFailure(message: result["error"]?.stringValue ?? "?"))
        }
    }

    struct PatchFailure: Error, Equatable { var message: String }
}
