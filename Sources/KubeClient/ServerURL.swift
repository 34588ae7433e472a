/// The `server` of a kubeconfig cluster: `https://host[:port][/prefix]`.
public struct ServerURL: Sendable, Equatable, CustomStringConvertible {
    /// Host name or IP literal, without IPv6 brackets.
    public var host: String
    public var port: UInt16
    /// A path prefix in front of every API path (`/apis/...`), without a trailing slash; usually empty.
    public var pathPrefix: String

    public init(host: String, port: UInt16, pathPrefix: String = "") {
        self.host = host
        self.port = port
        self.pathPrefix = pathPrefix
    }

    public init(_ text: String) throws(KubeClientError) {
        guard text.hasPrefix("https://") else {
            throw KubeClientError("server \"\(text)\" is not an https:// URL")
        }
        var rest = Substring(text.dropFirst("https://".count))
        var prefix = ""
        if let slash = rest.firstIndex(of: "/") {
            prefix = String(rest[slash...])
            rest = rest[..<slash]
        }
        while prefix.hasSuffix("/") { prefix.removeLast() }
        var hostPart = rest
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw KubeClientError("server \"\(text)\" has an unterminated IPv6 address") }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw KubeClientError("server \"\(text)\" is not a valid URL")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw KubeClientError("server \"\(text)\" has no host") }
        var port: UInt16 = 443
        if let portText {
            guard let value = UInt16(portText), value > 0 else { throw KubeClientError("server \"\(text)\" has an invalid port") }
            port = value
        }
        self.init(host: String(hostPart), port: port, pathPrefix: prefix)
    }

    /// Whether the host is an IP literal (no SNI is sent for those, as Go's TLS client does).
    public var hostIsIPAddress: Bool { IPAddress.isLiteral(host) }

    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "https://\(h):\(port)\(pathPrefix)"
    }
}
