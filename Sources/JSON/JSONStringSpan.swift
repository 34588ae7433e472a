/// Where a string's content lies in the input (between its quotes).
public struct JSONStringSpan: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// Whether the content holds backslash escapes (if not, the bytes are the string).
    public var hasEscapes: Bool

    @inlinable public var count: Int { end - start }

    @inlinable init(start: Int, end: Int, hasEscapes: Bool) {
        self.start = start
        self.end = end
        self.hasEscapes = hasEscapes
    }
}
