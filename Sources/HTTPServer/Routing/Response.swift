/// What a handler answers. The server adds `Content-Length`, `Date`-free framing and
/// `Connection` handling; a handler sets status, content type, body and extra headers.
public struct Response: Sendable {
    public var status: Int
    public var contentType: String?
    /// Extra header fields (no Content-Length, no Connection: the server owns those).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, contentType: String? = nil, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    public static func text(_ status: Int, _ text: String) -> Response {
        Response(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    public static func json(_ status: Int, _ body: [UInt8]) -> Response {
        Response(status: status, contentType: "application/json", body: body)
    }
}

/// An error a handler throws to answer with a specific status. Its message is rendered as
/// `{"code":…,"message":"…"}` in one place (`HTTPError.response`) and never echoes input.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var message: String
    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
    public var description: String { "\(status) \(message)" }

    public var response: Response {
        var body = Array(#"{"code":"#.utf8)
        body.append(contentsOf: String(status).utf8)
        body.append(contentsOf: #","message":""#.utf8)
        for byte in message.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): body.append(UInt8(ascii: "\\")); body.append(byte)
            case 0..<0x20: body.append(UInt8(ascii: " "))
            default: body.append(byte)
            }
        }
        body.append(contentsOf: "\"}\n".utf8)
        return .json(status, body)
    }
}
