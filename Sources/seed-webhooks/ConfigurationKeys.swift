import HTTPServer
import Logging

/// The keys of the configuration file, their types, and how each is applied. One table, so the
/// file, the flags and `config check` can never disagree.
enum ConfigurationKeys {
    /// Sections (YAML mappings) and the keys inside them, in the order `config check` prints them.
    static let sections = ["tls", "limits", "tokenRequestor", "trafficDistribution"]

    static let all: [String] = [
        "listen", "probeListen",
        "tls.certFile", "tls.keyFile", "tls.clientCAFile", "tls.minVersion",
        "limits.maxHeaderBytes", "limits.maxBodyBytes", "limits.readHeaderTimeout", "limits.readBodyTimeout",
        "limits.writeTimeout", "limits.idleTimeout", "limits.maxConnections",
        "shutdownGracePeriod", "eventLoops", "logLevel", "enableDebugHandlers",
        "state", "kubeconfig", "authorizeWithSelectors", "versionClassificationLifecycle", "migrateLegacyClassification",
        "tokenRequestor.class", "tokenRequestor.caBundleFile",
        "trafficDistribution.kubernetesVersion", "trafficDistribution.kubeconfig", "trafficDistribution.label",
    ]

    /// Applies `value` to `key`; throws the reason when the value has the wrong type or range.
    static func apply(_ key: String, _ value: ConfigurationValue, to c: inout Configuration) throws(ConfigurationReason) {
        switch key {
        case "listen": c.listen = try address(value)
        case "probeListen": c.probeListen = try address(value, emptyAllowed: true)
        case "tls.certFile": c.tls.certFile = try string(value)
        case "tls.keyFile": c.tls.keyFile = try string(value)
        case "tls.clientCAFile": c.tls.clientCAFile = try string(value)
        case "tls.minVersion":
            let text = try string(value)
            guard let version = TLSSettings.MinimumVersion(rawValue: text) else {
                throw ConfigurationReason("must be \"1.2\" or \"1.3\", not \"\(text)\"")
            }
            c.tls.minVersion = version
        case "limits.maxHeaderBytes": c.limits.maxHeaderBytes = try positiveInt(value)
        case "limits.maxBodyBytes": c.limits.maxBodyBytes = try positiveInt(value)
        case "limits.readHeaderTimeout": c.limits.readHeaderTimeout = try duration(value)
        case "limits.readBodyTimeout": c.limits.readBodyTimeout = try duration(value)
        case "limits.writeTimeout": c.limits.writeTimeout = try duration(value)
        case "limits.idleTimeout": c.limits.idleTimeout = try duration(value)
        case "limits.maxConnections": c.limits.maxConnections = try positiveInt(value)
        case "shutdownGracePeriod": c.shutdownGracePeriod = try duration(value, zeroAllowed: true)
        case "eventLoops":
            let loops = try int(value)
            guard loops >= 0 && loops <= 1024 else { throw ConfigurationReason("must be 0 (one per core) to 1024, not \(loops)") }
            c.eventLoops = loops
        case "logLevel":
            let text = try string(value)
            guard let level = Logger.Level(rawValue: text) else {
                throw ConfigurationReason("must be one of trace, debug, info, notice, warning, error, critical, not \"\(text)\"")
            }
            c.logLevel = level
        case "enableDebugHandlers": c.enableDebugHandlers = try bool(value)
        case "state": c.state = try string(value)
        case "kubeconfig": c.kubeconfig = try string(value)
        case "authorizeWithSelectors":
            let text: String
            if case .yaml(let raw, .bool) = value { text = raw.lowercased() } else { text = try string(value) }
            guard let mode = Configuration.SelectorAuthorization(rawValue: text) else {
                throw ConfigurationReason("must be \"true\", \"false\" or \"auto\", not \"\(text)\"")
            }
            c.authorizeWithSelectors = mode
        case "versionClassificationLifecycle": c.versionClassificationLifecycle = try bool(value)
        case "migrateLegacyClassification": c.migrateLegacyClassification = try bool(value)
        case "tokenRequestor.class": c.tokenRequestor.class = try string(value)
        case "tokenRequestor.caBundleFile": c.tokenRequestor.caBundleFile = try string(value)
        case "trafficDistribution.kubernetesVersion":
            let text = try string(value, acceptNumbers: true)
            guard Self.isMajorMinor(text) else { throw ConfigurationReason("must be a version like \"1.34\", not \"\(text)\"") }
            c.trafficDistribution.kubernetesVersion = text
        case "trafficDistribution.kubeconfig": c.trafficDistribution.kubeconfig = try string(value)
        case "trafficDistribution.label": c.trafficDistribution.label = try string(value)
        default: throw ConfigurationReason("unknown key")
        }
    }

    /// The value of `key` as `config check` prints it (YAML).
    static func render(_ key: String, _ c: Configuration) -> String {
        switch key {
        case "listen": quoted(c.listen)
        case "probeListen": quoted(c.probeListen)
        case "tls.certFile": quoted(c.tls.certFile)
        case "tls.keyFile": quoted(c.tls.keyFile)
        case "tls.clientCAFile": quoted(c.tls.clientCAFile)
        case "tls.minVersion": quoted(c.tls.minVersion.rawValue)
        case "limits.maxHeaderBytes": String(c.limits.maxHeaderBytes)
        case "limits.maxBodyBytes": String(c.limits.maxBodyBytes)
        case "limits.readHeaderTimeout": GoDuration.format(c.limits.readHeaderTimeout)
        case "limits.readBodyTimeout": GoDuration.format(c.limits.readBodyTimeout)
        case "limits.writeTimeout": GoDuration.format(c.limits.writeTimeout)
        case "limits.idleTimeout": GoDuration.format(c.limits.idleTimeout)
        case "limits.maxConnections": String(c.limits.maxConnections)
        case "shutdownGracePeriod": GoDuration.format(c.shutdownGracePeriod)
        case "eventLoops": String(c.eventLoops)
        case "logLevel": c.logLevel.rawValue
        case "enableDebugHandlers": String(c.enableDebugHandlers)
        case "state": quoted(c.state)
        case "kubeconfig": quoted(c.kubeconfig)
        case "authorizeWithSelectors": quoted(c.authorizeWithSelectors.rawValue)
        case "versionClassificationLifecycle": String(c.versionClassificationLifecycle)
        case "migrateLegacyClassification": String(c.migrateLegacyClassification)
        case "tokenRequestor.class": quoted(c.tokenRequestor.class)
        case "tokenRequestor.caBundleFile": quoted(c.tokenRequestor.caBundleFile)
        case "trafficDistribution.kubernetesVersion": quoted(c.trafficDistribution.kubernetesVersion)
        case "trafficDistribution.kubeconfig": quoted(c.trafficDistribution.kubeconfig)
        case "trafficDistribution.label": quoted(c.trafficDistribution.label)
        default: ""
        }
    }

    // MARK: typed readers

    private static func string(_ value: ConfigurationValue, acceptNumbers: Bool = false) throws(ConfigurationReason) -> String {
        switch value {
        case .flag(let text): return text
        case .yaml(let text, let kind):
            switch kind {
            case .string: return text
            case .null: return ""
            case .int, .float:
                if acceptNumbers { return text }
                throw ConfigurationReason("expected a string, got the number \(text)")
            case .bool: throw ConfigurationReason("expected a string, got the boolean \(text)")
            }
        }
    }

    private static func bool(_ value: ConfigurationValue) throws(ConfigurationReason) -> Bool {
        switch value {
        case .flag(let text), .yaml(let text, .bool):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: throw ConfigurationReason("expected true or false, got \"\(text)\"")
            }
        case .yaml(let text, _): throw ConfigurationReason("expected true or false, got \"\(text)\"")
        }
    }

    private static func int(_ value: ConfigurationValue) throws(ConfigurationReason) -> Int {
        switch value {
        case .flag(let text), .yaml(let text, .int):
            guard let number = Int(text) else { throw ConfigurationReason("expected an integer, got \"\(text)\"") }
            return number
        case .yaml(let text, _): throw ConfigurationReason("expected an integer, got \"\(text)\"")
        }
    }

    private static func positiveInt(_ value: ConfigurationValue) throws(ConfigurationReason) -> Int {
        let number = try int(value)
        guard number > 0 else { throw ConfigurationReason("must be greater than 0, not \(number)") }
        return number
    }

    private static func duration(_ value: ConfigurationValue, zeroAllowed: Bool = false) throws(ConfigurationReason) -> Duration {
        let text: String
        switch value {
        case .flag(let raw), .yaml(let raw, .string): text = raw
        case .yaml(let raw, _): throw ConfigurationReason("expected a duration such as \"10s\" or \"1m30s\", got \(raw)")
        }
        guard let parsed = GoDuration.parse(text) else {
            throw ConfigurationReason("expected a duration such as \"10s\" or \"1m30s\", got \"\(text)\"")
        }
        guard parsed > .zero || (zeroAllowed && parsed == .zero) else { throw ConfigurationReason("must be greater than 0") }
        return parsed
    }

    private static func address(_ value: ConfigurationValue, emptyAllowed: Bool = false) throws(ConfigurationReason) -> String {
        let text = try string(value)
        if text.isEmpty && emptyAllowed { return text }
        do {
            _ = try ListenAddress(parsing: text)
        } catch {
            throw ConfigurationReason(error.reason + " (got \"\(text)\")")
        }
        return text
    }

    static func isMajorMinor(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(character)
            }
        }
        return out + "\""
    }
}
