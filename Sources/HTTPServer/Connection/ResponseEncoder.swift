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
    private static let contentTypePrefix: [UInt8] = Array("Content-Type: ".utf8)
    private static let contentLengthPrefix: [UInt8] = Array("Content-Length: ".utf8)
    private static let connectionClose: [UInt8] = Array("Connection: close\r\n".utf8)
    private static let crlf: [UInt8] = [13, 10]
    private static let colonSpace: [UInt8] = [58, 32]

    /// Appends `response` to `out`. `close` adds `Connection: close`; `omitBody` (HEAD) keeps the
    /// framing but sends no body bytes.
    static func encode(_ response: Response, close: Bool, omitBody: Bool, into out: inout [UInt8]) {
        let status = (100...599).contains(response.status) ? response.status : 500
        out.append(contentsOf: statusLines[status])
        if let contentType = response.contentType {
            out.append(contentsOf: contentTypePrefix)
            appendHeaderText(contentType, into: &out)
            out.append(contentsOf: crlf)
        }
        let bodyless = status == 204 || status == 304 || status < 200
        if !bodyless {
            out.append(contentsOf: contentLengthPrefix)
            appendDecimal(response.body.count, into: &out)
            out.append(contentsOf: crlf)
        }
        for field in response.headers {
            // The server owns framing and connection management.
            if isFramingHeader(field.name) { continue }
            appendHeaderText(field.name, into: &out)
            out.append(contentsOf: colonSpace)
            appendHeaderText(field.value, into: &out)
            out.append(contentsOf: crlf)
        }
        if close { out.append(contentsOf: connectionClose) }
        out.append(contentsOf: crlf)
        if !omitBody && !bodyless { out.append(contentsOf: response.body) }
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
            out.append(contentsOf: buffer[(buffer.count - count)...])
        }
    }
}
