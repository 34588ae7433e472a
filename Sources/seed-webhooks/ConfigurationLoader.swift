#if canImport(Glibc)
import Glibc
#endif
import HTTPServer
import Yams

/// Reads the YAML file strictly (unknown keys and wrong types are refused, naming the key),
/// applies flag overrides, and checks what must exist before the server starts.
enum ConfigurationLoader {
    static func load(file: String?, overrides: [(key: String, value: String)]) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        if let file {
            try apply(file: file, to: &configuration)
        }
        for (key, value) in overrides {
            do {
                try ConfigurationKeys.apply(key, .flag(value), to: &configuration)
            } catch {
                throw ConfigurationError(file: "", key: "--" + kebab(key), reason: error.text)
            }
        }
        try validate(configuration, file: file ?? "")
        return configuration
    }

    static func apply(file: String, to configuration: inout Configuration) throws(ConfigurationError) {
        guard let bytes = readWholeFile(file) else {
            throw ConfigurationError(file: file, key: "", reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(file: file, key: "", reason: "not valid YAML: \(error)")
        }
        guard let root else { return }
        guard case .mapping(let mapping) = root else {
            throw ConfigurationError(file: file, key: "", reason: "expected a mapping of settings at the top level")
        }
        try walk(mapping, prefix: "", file: file, into: &configuration)
    }

    private static func walk(_ mapping: Node.Mapping, prefix: String, file: String, into configuration: inout Configuration) throws(ConfigurationError) {
        var seen = Set<String>()
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigurationError(file: file, key: prefix.isEmpty ? "(key)" : prefix, reason: "keys must be strings")
            }
            let key = prefix + keyScalar.string
            guard seen.insert(key).inserted else {
                throw ConfigurationError(file: file, key: key, reason: "given twice")
            }
            if prefix.isEmpty && ConfigurationKeys.sections.contains(key) {
                switch valueNode {
                case .mapping(let inner):
                    try walk(inner, prefix: key + ".", file: file, into: &configuration)
                case .scalar(let scalar) where scalar.tag.rawValue == Tag.Name.null.rawValue:
                    continue
                default:
                    throw ConfigurationError(file: file, key: key, reason: "expected a mapping")
                }
                continue
            }
            guard ConfigurationKeys.all.contains(key) else {
                throw ConfigurationError(file: file, key: key, reason: "unknown key")
            }
            guard case .scalar(let scalar) = valueNode else {
                throw ConfigurationError(file: file, key: key, reason: "expected a single value, not a list or mapping")
            }
            do {
                try ConfigurationKeys.apply(key, .yaml(text: scalar.string, kind: kind(of: valueNode)), to: &configuration)
            } catch {
                throw ConfigurationError(file: file, key: key, reason: error.text)
            }
        }
    }

    private static func kind(of node: Node) -> ConfigurationValue.YAMLKind {
        if node.null != nil { return .null }
        if node.bool != nil { return .bool }
        if node.int != nil { return .int }
        if node.float != nil { return .float }
        return .string
    }

    /// What must hold before anything starts: the certificate files and referenced files exist.
    /// (`state` is the authorizer's to load and report, through `/readyz`, so it is not checked here.)
    static func validate(_ c: Configuration, file: String) throws(ConfigurationError) {
        func require(_ path: String, key: String, mandatory: Bool) throws(ConfigurationError) {
            if path.isEmpty {
                if mandatory { throw ConfigurationError(file: file, key: key, reason: "must be set") }
                return
            }
            if access(path, R_OK) != 0 {
                throw ConfigurationError(file: file, key: key, reason: "\(path): \(String(cString: strerror(errno)))")
            }
        }
        try require(c.tls.certFile, key: "tls.certFile", mandatory: true)
        try require(c.tls.keyFile, key: "tls.keyFile", mandatory: true)
        try require(c.tls.clientCAFile, key: "tls.clientCAFile", mandatory: false)
        try require(c.kubeconfig, key: "kubeconfig", mandatory: false)
        try require(c.tokenRequestor.caBundleFile, key: "tokenRequestor.caBundleFile", mandatory: false)
        try require(c.trafficDistribution.kubeconfig, key: "trafficDistribution.kubeconfig", mandatory: false)
        if c.listen == c.probeListen {
            throw ConfigurationError(file: file, key: "probeListen", reason: "must differ from listen (\(c.listen))")
        }
    }

    /// Warnings for settings that work but are probably wrong.
    static func warnings(_ c: Configuration) -> [String] {
        var warnings: [String] = []
        if c.limits.idleTimeout <= .seconds(90) {
            warnings.append("limits.idleTimeout \(GoDuration.format(c.limits.idleTimeout)) is not above kube-apiserver's 90s idle timeout; reused connections may race a close")
        }
        return warnings
    }

    /// The YAML `config check` prints: every key with the value the server would run with.
    static func render(_ c: Configuration) -> String {
        var out = ""
        var section = ""
        for key in ConfigurationKeys.all {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                if section != parts[0] {
                    section = parts[0]
                    out += "\(section):\n"
                }
                out += "  \(parts[1]): \(ConfigurationKeys.render(key, c))\n"
            } else {
                section = ""
                out += "\(key): \(ConfigurationKeys.render(key, c))\n"
            }
        }
        return out
    }

    /// `limits.maxBodyBytes` → `max-body-bytes`; `tls.clientCAFile` → `tls-client-ca-file`.
    static func kebab(_ key: String) -> String {
        var parts = key.split(separator: ".").map(String.init)
        if parts.first == "limits" { parts.removeFirst() }
        var out = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { out += "-" }
            let characters = Array(part)
            for (j, character) in characters.enumerated() {
                if character.isUppercase && j > 0 {
                    let previousLower = characters[j - 1].isLowercase
                    let nextLower = j + 1 < characters.count && characters[j + 1].isLowercase
                    if previousLower || (characters[j - 1].isUppercase && nextLower) { out += "-" }
                }
                out += character.lowercased()
            }
        }
        return out
    }
}

func readWholeFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { return nil }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}
