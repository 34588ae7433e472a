/// A failure talking to the Kubernetes API: the message says what and where, for logs and for
/// the error printed at start.
public struct KubeClientError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    /// The HTTP status when the API answered with an error status.
    public var status: Int?
    public init(_ message: String, status: Int? = nil) {
        self.message = message
        self.status = status
    }
    public var description: String { message }
}
