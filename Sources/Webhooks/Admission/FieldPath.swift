/// A path to a field, rendered as Kubernetes renders `field.Path`:
/// `spec.kubernetes.versions[1].lifecycle[2].classification`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public private(set) var description: String

    /// A root path; `FieldPath("spec", "kubernetes")` is `spec.kubernetes`. A root may itself
    /// contain dots (`FieldPath("spec.parent")`), as Go's `field.NewPath` allows.
    public init(_ root: String, _ more: String...) {
        description = root
        for name in more { description += "." + name }
    }

    /// `path.name`.
    public func child(_ name: String, _ more: String...) -> FieldPath {
        var path = self
        path.description += "." + name
        for name in more { path.description += "." + name }
        return path
    }

    /// `path[index]`.
    public func index(_ index: Int) -> FieldPath {
        var path = self
        path.description += "[" + String(index) + "]"
        return path
    }

    /// `path[key]`.
    public func key(_ key: String) -> FieldPath {
        var path = self
        path.description += "[" + key + "]"
        return path
    }
}
