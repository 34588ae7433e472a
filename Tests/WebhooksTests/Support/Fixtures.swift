import Foundation
import JSON

/// The kube-apiserver captures in `<repo>/../shared/fixtures/kube-apiserver`, read as they are.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `<repo>/../shared`, or one level higher for a checkout that sits in a folder of worktrees.
    static let shared: URL = {
        let beside = repository.deletingLastPathComponent().appendingPathComponent("shared")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return repository.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    }()
    static let kubeAPIServer = shared.appendingPathComponent("fixtures/kube-apiserver")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: kubeAPIServer.appendingPathComponent(name)))
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONParser.parse(try bytes(name))
    }

    /// Every captured AdmissionReview body.
    static func admissionReviews() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: kubeAPIServer.path)
            .filter { $0.hasPrefix("admissionreview-") && $0.hasSuffix(".json") }.sorted()
    }
}

/// Standard base64 decoding for asserting patches (test-only; the product encodes).
func base64Decode(_ text: String) -> [UInt8]? {
    Data(base64Encoded: text).map { Array($0) }
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
