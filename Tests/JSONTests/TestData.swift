import Foundation

/// Files shared by every clone: `<repo>/../shared` (the same layout in CI).
enum TestData {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // JSONTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `<root>/../shared`; a worktree one level further down finds it one directory higher.
    static let shared: URL = {
        var directory = repositoryRoot.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("testdata").path) {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static func url(_ relativePath: String) -> URL { shared.appendingPathComponent(relativePath) }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }

    /// Names of the regular files in a shared directory, sorted.
    static func files(in relativeDirectory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(relativeDirectory).path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }
}
