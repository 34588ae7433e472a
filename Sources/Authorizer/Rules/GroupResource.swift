/// An API group and resource; the version is ignored, as Gardener does.
public struct GroupResource: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var resource: String
    public init(_ group: String, _ resource: String) {
        self.group = group
        self.resource = resource
    }
    /// `resource.group`, or `resource` for the core group.
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}
