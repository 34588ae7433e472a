import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One runnable example of README.md: a ```` ```sh ```` block directly followed by an
/// ```` ```output ```` block (only blank lines between them).
struct ReadmeExample: Sendable, CustomStringConvertible {
    var command: String
    var expected: String
    /// 1-based line of the command block's opening fence.
    var line: Int

    var description: String { "README.md:\(line)" }

    /// Whether the command talks to the server of `make run` (ports 2721/2722 on localhost).
    var needsServer: Bool {
        ReadmeWalkthrough.serverAddresses.contains { command.contains($0) }
    }
}

/// A fenced block of a Markdown file.
struct FencedBlock: Sendable {
    var info: String
    var content: String
    var firstLine: Int
    var lastLine: Int
}

enum ReadmeWalkthrough {
    /// The addresses of `make run` that README commands use, with the listener they mean.
    static let serverAddresses = ["localhost:2721", "localhost:2722"]

    static func fencedBlocks(_ markdown: String) -> [FencedBlock] {
        var blocks: [FencedBlock] = []
        var open: (info: String, line: Int, content: [Substring])?
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                if let current = open {
                    if line == "```" {
                        blocks.append(FencedBlock(info: current.info, content: current.content.joined(separator: "\n"),
                                                  firstLine: current.line, lastLine: index + 1))
                        open = nil
                        continue
                    }
                } else {
                    let info = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                    open = (info, index + 1, [])
                    continue
                }
            }
            open?.content.append(line)
        }
        return blocks
    }

    /// The command/output pairs, in document order. An `output` block that does not follow an
    /// `sh` block is returned in `orphans`, so that a README edit cannot silently disable a check.
    static func examples(_ markdown: String) -> (examples: [ReadmeExample], orphans: [Int]) {
        let blocks = fencedBlocks(markdown)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var examples: [ReadmeExample] = []
        var orphans: [Int] = []
        for (index, block) in blocks.enumerated() where block.info == "output" {
            guard index > 0, blocks[index - 1].info == "sh" else {
                orphans.append(block.firstLine)
                continue
            }
            let previous = blocks[index - 1]
            let between = lines[previous.lastLine..<(block.firstLine - 1)]
            guard between.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                orphans.append(block.firstLine)
                continue
            }
            examples.append(ReadmeExample(command: previous.content, expected: block.content, line: previous.firstLine))
        }
        return (examples, orphans)
    }

    /// Output as compared: trailing spaces and trailing empty lines do not count.
    static func normalized(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ToolFailure(description: "socket: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw ToolFailure(description: "bind: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// `seed-webhooks serve` with the configuration of `make run` (examples/config.yaml), on free
/// loopback ports, started from the repository root like `make run` does.
final class ReadmeServer {
    let port: Int
    let probePort: Int
    let process: Process
    let log: URL

    static var executable: URL { RepositoryPaths.file(".build/debug/seed-webhooks") }

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw ToolFailure(description: "\(Self.executable.path) is missing; `swift build` makes it")
        }
        port = try ReadmeWalkthrough.freePort()
        probePort = try ReadmeWalkthrough.freePort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("seed-webhooks-readme-\(getpid())-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--config", "examples/config.yaml",
                             "--listen", "127.0.0.1:\(port)", "--probe-listen", "127.0.0.1:\(probePort)"]
        process.currentDirectoryURL = RepositoryPaths.root
        process.standardInput = FileHandle.nullDevice
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try waitUntilReady()
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Polls /readyz until it answers 200; the first state load of examples/garden takes a moment.
    private func waitUntilReady() throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard process.isRunning else {
                throw ToolFailure(description: "seed-webhooks serve exited \(process.terminationStatus):\n\(output)")
            }
            let probe = try Tool.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "1",
                                                       "http://127.0.0.1:\(probePort)/readyz"])
            if probe.stdout == "200" { return }
            usleep(50_000)
        }
        stop()
        throw ToolFailure(description: "seed-webhooks serve was not ready within 30 s:\n\(output)")
    }

    /// The command with `make run`'s addresses replaced by this server's.
    func rewrite(_ command: String) -> String {
        command.replacingOccurrences(of: "localhost:2721", with: "127.0.0.1:\(port)")
            .replacingOccurrences(of: "localhost:2722", with: "127.0.0.1:\(probePort)")
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }

    deinit { stop() }
}

extension ReadmeWalkthrough {
    /// Runs one command as a reader would paste it into bash at the repository root, with
    /// `seed-webhooks` on PATH (the debug build) and stderr shown with stdout.
    static func run(_ command: String) throws -> ProcessOutput {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = ReadmeServer.executable.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["TZ"] = "UTC"
        environment["LC_ALL"] = "C.UTF-8"
        return try Tool.run("/usr/bin/timeout", ["60", "/bin/bash", "-o", "pipefail", "-c", "{\n\(command)\n} 2>&1"],
                            in: RepositoryPaths.root, environment: environment)
    }
}
