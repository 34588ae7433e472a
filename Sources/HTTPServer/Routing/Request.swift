// HTTPServer knows nothing of Kubernetes: a TLS HTTP/1.1 server on sockets, OpenSSL and llhttp.

/// One HTTP request as a handler sees it. The server has already applied every limit
/// (header and body size, timeouts), so a handler only decides what to answer.
public struct Request: Sendable {
    /// The method as sent, e.g. `"POST"`.
    public var method: String
    /// The path of the request target, without the query, e.g. `"/webhooks/auth/seed"`.
    public var path: String
    /// The query of the request target without `?`, or empty.
    public var query: String
    /// Header fields in arrival order; names as sent (compare case-insensitively).
    public var headers: [(name: String, value: String)]
    /// The complete body (Content-Length or de-chunked).
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first header named `name` (ASCII case-insensitive).
    public func header(_ name: String) -> String? {
        for field in headers where Self.equalIgnoringASCIICase(field.name.utf8, name.utf8) {
            return field.value
        }
        return nil
    }

    /// The media type of Content-Type without parameters, lowercased (`application/json`).
    public var mediaType: String? {
        guard let value = header("Content-Type") else { return nil }
        let type = Self.mediaTypeBytes(value.utf8)
        if type.allSatisfy({ $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) { return String(Substring(type)) }
        return String(Substring(type)).lowercased()
    }

    /// Whether Content-Type names `type` (given lowercased), parameters aside; nothing is allocated.
    public func hasMediaType(_ type: String) -> Bool {
        guard let value = header("Content-Type") else { return false }
        return Self.equalIgnoringASCIICase(Self.mediaTypeBytes(value.utf8), type.utf8)
    }

    /// The part of a Content-Type value before `;`, without surrounding spaces and tabs.
    private static func mediaTypeBytes(_ value: Substring.UTF8View) -> Substring.UTF8View {
        var type = value.prefix { $0 != UInt8(ascii: ";") }
        while let first = type.first, first == 0x20 || first == 0x09 { type = type.dropFirst() }
        while let last = type.last, last == 0x20 || last == 0x09 { type = type.dropLast() }
        return type
    }

    private static func mediaTypeBytes(_ value: String.UTF8View) -> Substring.UTF8View {
        mediaTypeBytes(value[...])
    }

    private static func equalIgnoringASCIICase<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(x | 0x20))
        }
    }

    /// The value of query parameter `name` (first occurrence, percent-decoded), or nil.
    public func queryParameter(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map({ percentDecode($0) }) == name {
                return parts.count > 1 ? percentDecode(parts[1]) : ""
            }
        }
        return nil
    }
}

/// Decodes `%XX` and `+` (as space) in a query component; malformed escapes stay as they are.
func percentDecode(_ text: Substring) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var bytes = Array(text.utf8)[...]
    while let byte = bytes.popFirst() {
        if byte == UInt8(ascii: "+") {
            out.append(UInt8(ascii: " "))
        } else if byte == UInt8(ascii: "%"), bytes.count >= 2,
                  let hi = hexValue(bytes[bytes.startIndex]), let lo = hexValue(bytes[bytes.startIndex + 1]) {
            out.append(hi << 4 | lo)
            bytes.removeFirst(2)
        } else {
            out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}
