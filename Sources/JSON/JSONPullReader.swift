/// What the quick readers of request bodies ask of a JSON reader, so that one reading of an
/// object serves both `JSONReader` (over the bytes) and `JSONTapeReader` (over a simdjson tape).
/// Spans index into `input`: the body for `JSONReader`, the tape's string buffer (strings already
/// unescaped) for `JSONTapeReader`.
public protocol JSONPullReader {
    /// The bytes spans index into.
    var input: UnsafeBufferPointer<UInt8> { get }
    /// The next token, or nil after the document. (A number's range is empty on a tape.)
    mutating func next() throws(JSONError) -> JSONReader.Token?
    /// In an object: the next member's name, or nil having read the closing `}`.
    mutating func nextKey() throws(JSONError) -> JSONStringSpan?
    /// In an array: whether another element follows, or false having read the closing `]`.
    mutating func hasNextElement() throws(JSONError) -> Bool
    /// The next value if it is a string whose bytes are its content; nil, reading nothing, otherwise.
    mutating func nextPlainString() throws(JSONError) -> JSONStringSpan?
    /// Skips the value that comes next, however deep.
    mutating func skipValue() throws(JSONError)
    /// Whether a span denotes exactly `text`.
    func matches(_ span: JSONStringSpan, _ text: StaticString) -> Bool
    /// The string a span denotes.
    func string(_ span: JSONStringSpan) -> String
    /// The bytes of a range of `input`.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8>
}

extension JSONReader: JSONPullReader {}
