import Foundation
import Yams

/// Paths of the repository and of the shared specification beside it, found from this file.
enum RepositoryPaths {
    /// `<root>/Tests/EndToEndTests/DeployTestSupport.swift` → `<root>`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func file(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The `shared` directory laid beside the clone (`<root>/../shared`, also in CI); a checkout
    /// nested one level deeper (a worktree) finds it further up.
    static let shared: URL = {
        var directory = root.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("spec").path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return root.deletingLastPathComponent().appendingPathComponent("shared")
    }()
}

/// A failure of a helper tool, with everything needed to see why.
struct ToolFailure: Error, CustomStringConvertible, Sendable {
    var description: String
}

/// The result of one finished child process.
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Tool {
    /// Finds an executable on PATH (plus the usual system directories).
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        for directory in directories {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to completion and collects its output. Standard input is empty.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String]? = nil) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
        let errData = ReadAll(stderr.fileHandleForReading)
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// Runs a program that must succeed, and returns its standard output.
    static func output(_ name: String, _ arguments: [String], in directory: URL? = nil) throws -> String {
        guard let executable = find(name) else {
            throw ToolFailure(description: "\(name) is not installed (scripts/setup installs it)")
        }
        let result = try run(executable, arguments, in: directory)
        guard result.status == 0 else {
            throw ToolFailure(description: "\(name) \(arguments.joined(separator: " ")) exited \(result.status):\n"
                              + result.stdout + result.stderr)
        }
        return result.stdout
    }
}

/// Reads a pipe to its end on a background thread.
final class ReadAll: @unchecked Sendable {
    // `data` is written once by the reading thread before `done` is signalled and read only after
    // `wait()` returns, so the semaphore orders every access.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Navigation over parsed YAML for assertions: every step may be missing.
extension Node {
    func at(_ keys: String...) -> Node? {
        var node: Node? = self
        for key in keys { node = node?[key] }
        return node
    }

    var items: [Node] { array() }

    var strings: [String] { array().compactMap(\.string) }

    /// The keys of a mapping, in document order.
    var keys: [String] { mapping?.keys.compactMap(\.string) ?? [] }
}

/// The objects of a multi-document YAML stream.
func yamlDocuments(_ text: String) throws -> [Node] {
    try Array(Yams.compose_all(yaml: text)).compactMap { $0 }
}
