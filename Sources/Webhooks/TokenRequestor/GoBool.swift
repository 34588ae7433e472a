/// Go's `strconv.ParseBool`: Gardener reads the inject-ca-bundle annotation with it
/// (`pkg/controller/tokenrequestor/reconciler.go`), so exactly these spellings count.
enum GoBool {
    static let accepted = ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"]

    /// The value, or nil when Go would return an error.
    static func parse(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }
}
