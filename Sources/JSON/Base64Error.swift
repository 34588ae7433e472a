/// Input that is not base64; `offset` is the first byte that cannot be decoded.
public struct Base64Error: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public init(offset: Int) { self.offset = offset }
    public var description: String { "illegal base64 data at input byte \(offset)" }
}
