import HTTPServer
import Synchronization

/// Records the requests a route received (handlers run on the server's loops; tests read here).
final class RequestRecorder: Sendable {
    private let requests = Mutex<[Request]>([])

    var all: [Request] { requests.withLock { $0 } }

    /// A route at `path` that records each request and answers `answer` (default: the body echoed).
    func route(_ path: String, methods: [String] = ["POST"], name: String = "recorded", answer: Response? = nil) -> Route {
        Route(methods, path, name: name) { request in
            self.requests.withLock { $0.append(request) }
            return answer ?? Response(status: 200, contentType: "application/octet-stream", body: request.body)
        }
    }
}
