/// A `host:port` to listen on. The host is numeric IPv4, numeric IPv6 in brackets, `localhost`,
/// or empty for every address (IPv6 dual-stack, or IPv4 where IPv6 is unavailable).
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// Numeric address, or empty for any.
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `":2721"`, `"127.0.0.1:0"`, `"[::1]:2721"`, `"localhost:2721"`.
    public init(parsing text: String) throws(ListenAddressError) {
        guard let colon = text.lastIndex(of: ":") else { throw ListenAddressError(text: text, reason: "expected host:port") }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard let port = UInt16(portText) else { throw ListenAddressError(text: text, reason: "port must be a number from 0 to 65535") }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count >= 2 else { throw ListenAddressError(text: text, reason: "unclosed [") }
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            throw ListenAddressError(text: text, reason: "an IPv6 address must be written in brackets")
        }
        if host == "localhost" { host = "127.0.0.1" }
        if host == "0.0.0.0" || host == "::" || host == "*" { host = host == "0.0.0.0" ? host : "" }
        guard host.isEmpty || Self.isNumeric(host) else {
            throw ListenAddressError(text: text, reason: "host must be a numeric address, localhost or empty")
        }
        self.host = host
        self.port = port
    }

    static func isNumeric(_ host: String) -> Bool {
        host.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 58 || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

public struct ListenAddressError: Error, CustomStringConvertible, Sendable {
    public var text: String
    public var reason: String
    public var description: String { "invalid listen address \"\(text)\": \(reason)" }
}
