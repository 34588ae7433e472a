import JSON

/// The answer of `GET /version`: `gitVersion` (`v1.34.2`, `v1.33.4-gke.100`) read as major.minor.patch.
public struct ServerVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    public var gitVersion: String

    public init(major: Int, minor: Int, patch: Int = 0, gitVersion: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.gitVersion = gitVersion ?? "v\(major).\(minor).\(patch)"
    }

    public init(_ object: JSONValue) throws(KubeClientError) {
        if let git = object["gitVersion"]?.stringValue, let parsed = Self.parse(git) {
            self = parsed
            return
        }
        // Fall back to major/minor ("1", "34+"), which some distributions fill and gitVersion not.
        let digits = { (s: String?) -> Int? in s.flatMap { Int($0.prefix { $0.isNumber }) } }
        guard let major = digits(object["major"]?.stringValue), let minor = digits(object["minor"]?.stringValue) else {
            throw KubeClientError("/version has neither a semantic gitVersion nor major/minor")
        }
        self.init(major: major, minor: minor, gitVersion: object["gitVersion"]?.stringValue)
    }

    /// `v1.34.2-rc.1+abc` → 1, 34, 2.
    public static func parse(_ text: String) -> ServerVersion? {
        var rest = Substring(text)
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        let core = rest.prefix { $0.isNumber || $0 == "." }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        let patch = parts.count > 2 ? Int(parts[2]) ?? 0 : 0
        return ServerVersion(major: major, minor: minor, patch: patch, gitVersion: text)
    }

    public func atLeast(_ major: Int, _ minor: Int) -> Bool {
        self.major > major || (self.major == major && self.minor >= minor)
    }

    public var description: String { gitVersion }
}
