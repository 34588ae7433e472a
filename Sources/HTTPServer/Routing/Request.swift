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
    /// The complete body (Content-Length or de-chunked). A body of a declared length comes with at
    /// least `bodySlack` bytes of spare capacity behind it.
    public var body: [UInt8]

    /// Spare capacity behind a body the server read: room a SIMD parser may read past the end
    /// of the text (simdjson reads up to 64 bytes), so that it parses the body where it is.
    public static let bodySlack = 64

    public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first header named `name` (ASCII case-insensitive).
    public func header(_ name: String) -> String? {
        guard let index = headerIndex(name) else { return nil }
        return headers[index].value
    }

    /// Where the first header named `name` is; names are compared in place (no string copied).
    private func headerIndex(_ name: String) -> Int? {
        headers.indices.first { index in
            withBytes(headers[index].name) { field in withBytes(name) { Self.equalIgnoringASCIICase(field, $0) } }
        }
    }

    /// The media type of Content-Type without parameters, lowercased (`application/json`).
    public var mediaType: String? {
        guard var value = header("Content-Type") else { return nil }
        let type = value.withUTF8 { String(decoding: Self.mediaTypeBytes($0), as: UTF8.self) }
        return type.utf8.contains { $0 >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ? type.lowercased() : type
    }

    /// Whether Content-Type names `type` (given lowercased), parameters aside; nothing is allocated.
    public func hasMediaType(_ type: String) -> Bool {
        guard let index = headerIndex("Content-Type") else { return false }
        return withBytes(headers[index].value) { value in
            withBytes(type) { Self.equalIgnoringASCIICase(Self.mediaTypeBytes(value), $0) }
        }
    }

    /// The part of a Content-Type value before `;`, without surrounding spaces and tabs.
    private static func mediaTypeBytes(_ value: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = value.firstIndex(of: UInt8(ascii: ";")) ?? value.count
        while start < end, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
        while end > start, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: value[start..<end])
    }

    private static func equalIgnoringASCIICase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count {
            let x = a[i], y = b[i]
            if x != y && !(x | 0x20 == y | 0x20 && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(x | 0x20)) { return false }
        }
        return true
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

/// A string's UTF-8 where it is (a native string's is contiguous), or a copy when it is not.
@inline(__always)
func withBytes<Value>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
}
