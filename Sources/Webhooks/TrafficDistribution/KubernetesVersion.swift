/// A Kubernetes minor release, which is all the traffic-distribution rules depend on.
public struct KubernetesVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Reads `1.34`, `v1.34.2`, `1.31.0-rc.1+abc` or a `/version` `gitVersion`; nil for anything else.
    public init?(_ text: String) {
        var rest = Substring(text)
        if rest.first == "v" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2,
              let major = Self.number(parts[0]), let minor = Self.number(parts[1]) else { return nil }
        if parts.count == 3 {
            let patch = parts[2].prefix { $0 != "-" && $0 != "+" }
            guard Self.number(patch) != nil else { return nil }
        }
        self.init(major: major, minor: minor)
    }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 6, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }
}
