import JSON
import Testing
@testable import Webhooks

/// SplitMix64: a small deterministic generator, so every run checks the same documents.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random values shaped to hit the places the policies read.
struct HostileValues {
    var random: SplitMix64
    let strings = ["", "true", "false", "True", "1", "yes", "PreferClose", "PreferSameZone", "PreferSameNode", "auto",
                   "token-requestor", "kubeconfig", "bundle.crt", "%%%", "a\u{0}b", "ü", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"]

    mutating func value(depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth > 2 ? 5 : 8), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(["0", "-1", "1e400", "12345678901234567890"].randomElement(using: &random) ?? "0")
        case 3, 4: return .string(strings.randomElement(using: &random) ?? "")
        case 5: return .array((0..<Int.random(in: 0..<3, using: &random)).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0..<4, using: &random) {
                object[strings.randomElement(using: &random) ?? ""] = value(depth: depth + 1)
            }
            return .object(object)
        }
    }

    /// Text that is almost a kubeconfig: a real one cut, spliced or with bytes flipped.
    mutating func kubeconfigText() -> String {
        var bytes = Array(twoClusterKubeconfig.utf8)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
        case 1:
            for _ in 0..<8 where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        case 2: bytes += Array("\n---\nkind: Config\n".utf8)
        default: bytes = Array(JSONWriter.serialize(value()))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
