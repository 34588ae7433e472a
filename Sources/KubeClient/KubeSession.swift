import Foundation
import JSON

/// One thread's conversation with the API server over a single keep-alive connection: requests
/// one after another, and streams (watches) whose body is handed over as it arrives.
public final class KubeSession {
    public let client: KubeClient
    public let cancellation: Cancellation
    private var connection: ClientConnection?
    private var readBuffer = [UInt8](repeating: 0, count: 64 << 10)

    init(client: KubeClient, cancellation: Cancellation) {
        self.client = client
        self.cancellation = cancellation
    }

    deinit { close() }

    public func close() {
        connection?.close()
        connection = nil
    }

    /// Sends a request and reads the whole response. A non-2xx status is a `KubeClientError`
    /// carrying the status and the message of the API's `Status` object.
    public func request(_ method: String, _ path: String, query: String = "", body: [UInt8]? = nil) throws(KubeClientError) -> KubeResponse {
        let deadline = Deadline.after(client.options.requestTimeout)
        var collected: [UInt8] = []
        let limit = client.options.maxResponseBytes
        let (parser, _) = try exchange(method, path, query: query, body: body, deadline: deadline) { (parser) throws(KubeClientError) in
            collected.append(contentsOf: parser.body)
            parser.body.removeAll(keepingCapacity: true)
            if collected.count > limit { throw KubeClientError("\(method) \(path): the response exceeds \(limit) bytes") }
        } readDeadline: { deadline }
        let response = KubeResponse(status: parser.status, headers: parser.headers, body: collected)
        guard (200..<300).contains(response.status) else {
            throw Self.statusError(method, path, response.status, collected)
        }
        return response
    }

    /// Sends a GET whose 200 response body is a stream. `onBytes` gets the body as it arrives;
    /// a read that waits longer than `inactivityTimeout` seconds ends the stream with an error.
    /// Returns when the server ends the body; a connection that drops mid-stream is an error.
    public func stream(_ path: String, query: String, inactivityTimeout: Double,
                       onBytes: ([UInt8]) throws(KubeClientError) -> Void) throws(KubeClientError) {
        var status = 0
        var errorBody: [UInt8] = []
        let requestDeadline = Deadline.after(client.options.requestTimeout)
        let (parser, _) = try exchange("GET", path, query: query, body: nil, deadline: requestDeadline) { (parser) throws(KubeClientError) in
            status = parser.status
            if status == 200 {
                if !parser.body.isEmpty { try onBytes(parser.body) }
            } else if errorBody.count < 1 << 20 {
                errorBody.append(contentsOf: parser.body)
            }
            parser.body.removeAll(keepingCapacity: true)
        } readDeadline: { status == 0 ? requestDeadline : .after(inactivityTimeout) }
        if parser.status != 200 {
            throw Self.statusError("GET", path, parser.status, errorBody)
        }
    }

    /// Writes the request, then reads and parses until the response is complete. `onProgress`
    /// runs after every read once headers are in. Retries once on a fresh connection when a
    /// reused keep-alive connection turns out closed before any response byte.
    private func exchange(_ method: String, _ path: String, query: String, body: [UInt8]?, deadline: Deadline,
                          onProgress: (ResponseParser) throws(KubeClientError) -> Void,
                          readDeadline: () -> Deadline) throws(KubeClientError) -> (ResponseParser, Bool) {
        var attempt = 0
        while true {
            attempt += 1
            let reused = connection != nil
            let conn = try connected()
            let request = try encode(method, path, query: query, body: body)
            let parser = ResponseParser(noBody: method == "HEAD")
            var sawBytes = false
            do {
                try conn.write(request, deadline: deadline)
                while !parser.messageComplete {
                    let n = try readBuffer.withUnsafeMutableBytes { (raw) throws(KubeClientError) -> Int in
                        let n = try conn.read(into: raw, deadline: readDeadline())
                        if n > 0 { try parser.feed(UnsafeRawBufferPointer(rebasing: raw[..<n])) }
                        return n
                    }
                    if n == 0 {
                        if !sawBytes && reused && attempt == 1 { throw RetryOnFreshConnection() }
                        try parser.finish()
                        if !parser.messageComplete {
                            throw KubeClientError("\(method) \(path): the connection closed before the response was complete")
                        }
                    }
                    sawBytes = true
                    if parser.headersComplete { try onProgress(parser) }
                }
            } catch is RetryOnFreshConnection {
                close()
                continue
            } catch let error as KubeClientError {
                close()
                if error.message.hasSuffix("timed out") {
                    throw KubeClientError("\(method) \(path): \(error.message)")
                }
                throw error
            } catch {
                close()
                throw KubeClientError("\(method) \(path): \(error)")
            }
            if !parser.keepAlive { close() }
            return (parser, reused)
        }
    }

    private struct RetryOnFreshConnection: Error {}

    private func connected() throws(KubeClientError) -> ClientConnection {
        if let connection { return connection }
        if cancellation.isCancelled { throw KubeClientError("stopped") }
        let options = client.options
        let conn = try ClientConnection.open(client.config.server, tls: client.tls, serverName: client.config.tlsServerName,
                                             connectTimeout: options.connectTimeout, handshakeTimeout: options.handshakeTimeout,
                                             cancellation: cancellation)
        connection = conn
        return conn
    }

    private func encode(_ method: String, _ path: String, query: String, body: [UInt8]?) throws(KubeClientError) -> [UInt8] {
        let server = client.config.server
        var target = server.pathPrefix + path
        if !query.isEmpty { target += "?" + query }
        let host = server.host.contains(":") ? "[\(server.host)]" : server.host
        // No Accept-Encoding: kube-apiserver compresses only large non-watch responses, the garden API
        // is a near neighbour, and inflating would cost more CPU than the bytes saved on loopback-class links.
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(server.port)\r\nUser-Agent: \(client.options.userAgent)\r\nAccept: application/json\r\n"
        if let authorization = try client.authorization() { head += "Authorization: \(authorization)\r\n" }
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if let body { bytes.append(contentsOf: body) }
        return bytes
    }

    /// `GET /apis/…: 403 Forbidden: <Status.message>`.
    static func statusError(_ method: String, _ path: String, _ status: Int, _ body: [UInt8]) -> KubeClientError {
        var message = "\(method) \(path): \(status) \(reasonPhrase(status))"
        if let object = try? JSONParser.parse(body), let text = object["message"]?.stringValue, !text.isEmpty {
            message += ": " + text
        }
        return KubeClientError(message, status: status)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "HTTP error"
        }
    }
}
