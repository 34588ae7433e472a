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

extension KubeClientError {
    /// A read that waited past its deadline: a silent server or a stalled stream.
    var isStall: Bool { message.hasSuffix("timed out") && message.contains("waiting for the response") }
}
