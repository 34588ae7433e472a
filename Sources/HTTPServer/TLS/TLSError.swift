/// A TLS setup failure: which file, and OpenSSL's reason.
public struct TLSError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
