import Prometheus

/// The route a path resolved to, with its metrics, as a connection keeps it between requests
/// (kube-apiserver holds one connection per webhook and calls the same path again and again).
/// A class, so that a request borrows it: copying a `Route` retains its strings and closures,
/// objects that every event loop shares, and a reference count that two cores update in turn is
/// a cache line passed between them.
final class ResolvedRoute {
    let path: String
    /// Whether a route has this path (else 404).
    let found: Bool
    /// The route's parts, kept apart so that running it reads each in place.
    let methods: [String]
    let handler: Handler
    let errorResponse: (@Sendable (any Error, Request) -> Response)?
    let metrics: RouteMetrics
    /// The requests counter of the status last answered on this route (the route's counters
    /// sit behind a lock shared by every loop).
    private var lastCounter: (code: Int, counter: Counter)?

    /// Never run (`found` is false), only there so that `handler` needs no unwrapping.
    private static func notFound(_ request: Request) throws -> Response {
        throw HTTPError(404, "no handler for this path")
    }

    init(path: String, route: Route?, metrics: RouteMetrics) {
        self.path = path
        found = route != nil
        methods = route?.methods ?? []
        if let route {
            handler = route.handler
        } else {
            handler = Self.notFound
        }
        errorResponse = route?.errorResponse
        self.metrics = metrics
    }

    func requests(code: Int) -> Counter {
        if let last = lastCounter, last.code == code { return last.counter }
        let counter = metrics.requests(code: code)
        lastCounter = (code, counter)
        return counter
    }
}
