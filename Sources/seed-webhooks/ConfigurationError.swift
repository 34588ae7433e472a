/// A configuration that cannot be used: which file, which key, and why.
struct ConfigurationError: Error, CustomStringConvertible {
    var file: String
    var key: String
    var reason: String
    var description: String {
        let place = file.isEmpty ? "flag" : file
        return key.isEmpty ? "\(place): \(reason)" : "\(place): \(key): \(reason)"
    }
}
