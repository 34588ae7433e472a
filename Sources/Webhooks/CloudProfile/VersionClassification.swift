/// A version's classification (`pkg/apis/core/types_cloudprofile.go`). Kept as the raw
/// string so that values Gardener does not know survive to be reported as NotSupported.
public struct VersionClassification: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let unavailable = VersionClassification("unavailable")
    public static let preview = VersionClassification("preview")
    public static let supported = VersionClassification("supported")
    public static let deprecated = VersionClassification("deprecated")
    public static let expired = VersionClassification("expired")

    /// What `spec` may contain, sorted as Go's `sets.List` returns them for the message.
    /// `unavailable` is only ever derived.
    public static let specValues = ["deprecated", "expired", "preview", "supported"]

    public var isValidInSpec: Bool { Self.specValues.contains(rawValue) }

    /// unavailable(0) < preview(1) < supported(2) < deprecated(3) < expired(4); Go's map
    /// lookup gives 0 to anything else, so unknown values rank with unavailable.
    public var order: Int {
        switch rawValue {
        case "preview": return 1
        case "supported": return 2
        case "deprecated": return 3
        case "expired": return 4
        default: return 0
        }
    }

    /// `IsActive()`: neither expired nor unavailable.
    public var isActive: Bool { self != .expired && self != .unavailable }

    public var description: String { rawValue }
}
