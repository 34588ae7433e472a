@testable import JSON

/// SplitMix64: a small deterministic generator, so property tests replay exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random JSON documents shaped like Kubernetes objects: small objects with label-like keys,
/// short arrays, strings drawn from an alphabet full of characters that need escaping.
struct RandomDocuments {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    static let keyPool = [
        "metadata", "name", "labels", "annotations", "resources.gardener.cloud/purpose", "a~b", "a/b~1",
        "~0", "/", "", "spec", "items", "on", "true", "1", "key with space", "é", "x:y", "<<",
    ]

    static let stringPool = [
        "", "a", "token-requestor", "true", "yes", "null", "~", "1.0", "0x1F", "2024-01-01", "a: b", "#c",
        "- x", "multi\nline", "tab\there", " lead", "trail ", "...", "é€𝄞", "\u{2028}", "\u{7F}\u{1}",
        "quote\"back\\slash", "https://api.local:443/x?y=1&z=2", "system:masters", "<<", "{}", "[]", "%x", "@y",
    ]

    static let numberPool = ["0", "1", "-1", "42", "1.5", "-0.25", "9007199254740993", "1e+21", "123456789"]

    mutating func value(depth: Int = 0) -> JSONValue {
        let leaf = depth >= 4 || Int.random(in: 0..<10, using: &generator) < 4
        if leaf {
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &generator))
            case 2: return .number(Self.numberPool.randomElement(using: &generator) ?? "0")
            default: return .string(string())
            }
        }
        if Bool.random(using: &generator) {
            let count = Int.random(in: 0..<5, using: &generator)
            return .array((0..<count).map { _ in value(depth: depth + 1) })
        }
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0..<6, using: &generator) {
            object[Self.keyPool.randomElement(using: &generator) ?? "k"] = value(depth: depth + 1)
        }
        return .object(object)
    }

    mutating func string() -> String {
        if Int.random(in: 0..<4, using: &generator) == 0 {
            return String(Int.random(in: 0..<1000, using: &generator))
        }
        return Self.stringPool.randomElement(using: &generator) ?? ""
    }

    /// A variant of `base`: some members changed, removed or added, some arrays edited.
    mutating func mutate(_ base: JSONValue, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: return value(depth: depth)
        case 1, 2, 3, 4, 5, 6: break
        default: return base
        }
        switch base {
        case .object(var object):
            for key in object.keys where Int.random(in: 0..<3, using: &generator) == 0 {
                object[key] = Bool.random(using: &generator) ? nil : mutate(object[key] ?? .null, depth: depth + 1)
            }
            if Bool.random(using: &generator) {
                object[Self.keyPool.randomElement(using: &generator) ?? "k"] = value(depth: depth + 1)
            }
            return .object(object)
        case .array(var elements):
            if !elements.isEmpty, Bool.random(using: &generator) {
                let i = Int.random(in: 0..<elements.count, using: &generator)
                elements[i] = mutate(elements[i], depth: depth + 1)
            }
            if Bool.random(using: &generator) { elements.append(value(depth: depth + 1)) }
            if !elements.isEmpty, Int.random(in: 0..<3, using: &generator) == 0 { elements.removeFirst() }
            return .array(elements)
        default:
            return value(depth: depth)
        }
    }
}
