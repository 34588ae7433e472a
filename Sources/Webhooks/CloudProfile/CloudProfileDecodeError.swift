/// A CloudProfile whose versions cannot be read as Gardener's types: answered with a 400 denial.
public struct CloudProfileDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: FieldPath
    public var reason: String

    public init(_ path: FieldPath, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
