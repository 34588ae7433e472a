// KubeClient is the garden's Kubernetes API as a client, on the project's own stack (sockets,
// OpenSSL, llhttp): kubeconfig, HTTPS requests, list/watch informers. It knows no authorizer:
// informers hand objects as `JSONValue` to a sink that the executable connects to the graph.

import Foundation
import JSON

/// Timeouts of the client. Each bounds one phase, so a broken or silent server is an error, never a hang.
public struct KubeClientOptions: Sendable {
    /// TCP connect, seconds.
    public var connectTimeout: Double = 10
    /// TLS handshake, seconds.
    public var handshakeTimeout: Double = 10
    /// A whole non-streaming request (one list page, /version, a SubjectAccessReview), seconds.
    public var requestTimeout: Double = 60
    /// Bytes a non-streaming response body may have (a list page of 500 objects stays far below).
    public var maxResponseBytes = 512 << 20
    public var userAgent = "seed-webhooks"

    public init() {}
}

/// A client for one API server as a kubeconfig describes it. Cheap to share; each thread that
/// talks to the server uses its own `KubeSession` (one keep-alive connection).
public final class KubeClient: Sendable {
    public let config: Kubeconfig
    public let options: KubeClientOptions
    let tls: ClientTLSContext
    private let token: TokenSource?

    public init(_ config: Kubeconfig, options: KubeClientOptions = KubeClientOptions()) throws(KubeClientError) {
        signal(SIGPIPE, SIG_IGN)  // OpenSSL writes with write(2): a peer that left must be an error, not a signal
        self.config = config
        self.options = options
        self.tls = try ClientTLSContext(config)
        self.token = config.token.map(TokenSource.init)
    }

    /// Loads the kubeconfig at `path` and builds the TLS context; errors name the file.
    public convenience init(kubeconfigPath path: String, options: KubeClientOptions = KubeClientOptions()) throws(KubeClientError) {
        let config: Kubeconfig
        do { config = try Kubeconfig.load(path: path) } catch { throw KubeClientError(error.description) }
        do { try self.init(config, options: options) } catch {
            throw KubeClientError("kubeconfig \(path): \(error.message)")
        }
    }

    public func makeSession(cancellation: Cancellation = Cancellation()) -> KubeSession {
        KubeSession(client: self, cancellation: cancellation)
    }

    /// The `Authorization` header value, if the kubeconfig has a token.
    func authorization() throws(KubeClientError) -> String? {
        guard let token else { return nil }
        return "Bearer " + (try token.current())
    }

    /// One request on a fresh session.
    public func request(_ method: String, _ path: String, query: String = "", body: [UInt8]? = nil) throws(KubeClientError) -> KubeResponse {
        let session = makeSession()
        defer { session.close() }
        return try session.request(method, path, query: query, body: body)
    }

    /// `GET /version` of the server.
    public func serverVersion() throws(KubeClientError) -> ServerVersion {
        let response = try request("GET", "/version")
        return try ServerVersion(response.json())
    }
}

/// A token from the kubeconfig; a token file is re-read when a minute has passed.
///
/// `@unchecked Sendable`: the cache is read and written under `lock`.
final class TokenSource: @unchecked Sendable {
    private let source: BearerToken
    private let lock = NSLock()
    private var cached: (token: String, read: Deadline)?

    init(_ source: BearerToken) { self.source = source }

    func current() throws(KubeClientError) -> String {
        switch source {
        case .inline(let token): return token
        case .file(let path):
            if let cached = lock.withLock({ cached }), !Deadline(nanoseconds: cached.read.nanoseconds &+ 60_000_000_000).hasPassed {
                return cached.token
            }
            let token: String
            do { token = try BearerToken.read(file: path) } catch {
                throw KubeClientError("tokenFile \(path): \(error.message)")
            }
            lock.withLock { cached = (token, .now()) }
            return token
        }
    }
}

/// A complete response.
public struct KubeResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func json() throws(KubeClientError) -> JSONValue {
        do { return try JSONParser.parse(body) } catch {
            throw KubeClientError("the response is not JSON: \(error)")
        }
    }
}
