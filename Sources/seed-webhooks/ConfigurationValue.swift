/// A value for one configuration key, from the YAML file or from a flag.
enum ConfigurationValue {
    /// A YAML scalar: its text and whether YAML resolved it as a bool, int, null or string.
    case yaml(text: String, kind: YAMLKind)
    /// A flag's argument (untyped text).
    case flag(String)

    enum YAMLKind { case string, int, float, bool, null }
}

/// Why a value was refused (the key and file are added by the caller).
struct ConfigurationReason: Error {
    var text: String
    init(_ text: String) { self.text = text }
}
