/// Writes responses into a connection's output buffer. Status lines are encoded once for the
/// process; the rest is appended straight into the (reused) buffer, so an answer costs no
/// allocation beyond what the handler made.
enum ResponseEncoder {
    /// "HTTP/1.1 <code> <reason>\r\n" for every code 100...599.
    static let statusLines: [[UInt8]] = (0..<600).map { code in
        Array("HTTP/1.1 \(code) \(reasonPhrase(code))\r\n".utf8)
    }

    static func reasonPhrase(_ code: Int) -> String {
        switch code {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }

    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends `response` to `out`. `close` adds `Connection: close`; `omitBody` (HEAD) keeps the
    /// framing but sends no body bytes. The fixed parts come from static strings, not arrays:
    /// reading a shared array retains it, and both event loops would keep passing its
    /// reference count between their cores.
    static func encode(_ response: Response, close: Bool, omitBody: Bool, into out: inout [UInt8]) {
        let status = (100...599).contains(response.status) ? response.status : 500
        if status == 200 {
            append("HTTP/1.1 200 OK\r\n", to: &out)
        } else {
            statusLines[status].withUnsafeBufferPointer { out.append(contentsOf: $0) }
        }
        if let contentType = response.contentType {
            append("Content-Type: ", to: &out)
            appendHeaderText(contentType, into: &out)
            append("\r\n", to: &out)
        }
        let bodyless = status == 204 || status == 304 || status < 200
        if !bodyless {
            append("Content-Length: ", to: &out)
            appendDecimal(response.body.count, into: &out)
            append("\r\n", to: &out)
        }
        for field in response.headers {
            // The server owns framing and connection management.
            if isFramingHeader(field.name) { continue }
            appendHeaderText(field.name, into: &out)
            append(": ", to: &out)
            appendHeaderText(field.value, into: &out)
            append("\r\n", to: &out)
        }
        if close { append("Connection: close\r\n", to: &out) }
        append("\r\n", to: &out)
        if !omitBody && !bodyless { response.body.withUnsafeBufferPointer { out.append(contentsOf: $0) } }
    }

    @inline(__always)
    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Header text with CR, LF and NUL dropped, so no value can split the header block.
    private static func appendHeaderText(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes where byte != 13 && byte != 10 && byte != 0 { out.append(byte) }
        }
    }

    private static func isFramingHeader(_ name: String) -> Bool {
        switch name.utf8.count {
        case 10, 14, 17:
            let lower = name.lowercased()
            return lower == "connection" || lower == "content-length" || lower == "transfer-encoding"
        default:
            return false
        }
    }

    static func appendDecimal(_ value: Int, into out: inout [UInt8]) {
        if value == 0 {
            out.append(48)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 && count < buffer.count {
                buffer[buffer.count - 1 - count] = UInt8(truncatingIfNeeded: rest % 10) + 48
                rest /= 10
                count += 1
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(buffer.count - count)...]))
        }
    }
}
