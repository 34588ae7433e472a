/// Why a text is not YAML that maps onto JSON, and where (1-based line and column; 0 when the
/// position is unknown).
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "yaml: line \(line), column \(column): \(message)" }
}
