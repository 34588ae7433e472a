import Foundation

/// Throwaway PEM material made with the openssl CLI, so no key is committed.
enum TestCertificates {
    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// A self-signed P-256 CA certificate in PEM.
    static func certificate(commonName: String) throws -> [UInt8] {
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                     "-keyout", "/dev/null", "-subj", "/CN=\(commonName)", "-days", "1"])
    }

    /// An unencrypted P-256 private key in PEM (`-----BEGIN PRIVATE KEY-----`).
    static func privateKey() throws -> [UInt8] {
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
    }

    private static func openssl(_ arguments: [String]) throws -> [UInt8] {
        try run("/usr/bin/env", ["openssl"] + arguments)
    }
}

/// Runs a program and returns its standard output; throws when it exits non-zero.
func run(_ executable: String, _ arguments: [String], input: [UInt8]? = nil) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input)) }
    try stdin.fileHandleForWriting.close()
    // The programs run here write little to stderr, so reading stdout first cannot deadlock.
    let out = Array(output.fileHandleForReading.readDataToEndOfFile())
    let err = Array(errors.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestCertificates.CommandFailed(description: "\(arguments.first ?? executable) exited \(process.terminationStatus): \(String(decoding: err, as: UTF8.self))")
    }
    return out
}

/// A fresh directory under the system temporary directory, removed on release.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "seed-webhooks-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` atomically (write to a temporary name, then rename), as
    /// configuration tools and Kubernetes volume updates do.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = path + "/" + name
        let staging = path + "/." + name + ".tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: staging))
        guard rename(staging, target) == 0 else {
            throw TestCertificates.CommandFailed(description: "rename \(staging): \(String(cString: strerror(errno)))")
        }
        return target
    }
}
