/// A handler is a synchronous function of request → response, run on the event loop that owns
/// the connection. It must not block. A thrown `HTTPError` becomes that status; any other
/// error becomes a 500 (the route's `errorResponse` may answer differently, e.g. HTTP 200
/// with an `evaluationError` for the authorizer).
public typealias Handler = @Sendable (Request) throws -> Response

/// One registered endpoint: exact path, allowed methods, the handler, and a name for metrics.
public struct Route: Sendable {
    public var path: String
    public var methods: [String]
    /// The `webhook` label of the request metrics (e.g. `"auth-seed"`, `"healthz"`).
    public var name: String
    public var handler: Handler
    /// Maps an error the handler threw (other than `HTTPError`) to the answer; nil → 500.
    public var errorResponse: (@Sendable (any Error, Request) -> Response)?

    public init(_ methods: [String], _ path: String, name: String,
                errorResponse: (@Sendable (any Error, Request) -> Response)? = nil,
                handler: @escaping Handler) {
        self.path = path
        self.methods = methods
        self.name = name
        self.handler = handler
        self.errorResponse = errorResponse
    }
}

/// Exact-path routing, built once at start. Unknown paths get a JSON 404; a known path with
/// another method gets a 405 with `Allow`.
public struct Router: Sendable {
    private var routes: [String: Route] = [:]

    public init(_ routes: [Route] = []) {
        for route in routes { add(route) }
    }

    /// Adds a route; a second route for the same path is a programming error caught at start.
    public mutating func add(_ route: Route) {
        precondition(routes[route.path] == nil, "duplicate route for \(route.path)")
        routes[route.path] = route
    }

    public var paths: [String] { routes.keys.sorted() }

    public func route(for path: String) -> Route? { routes[path] }

    /// Finds the route and runs it, mapping errors; never throws.
    public func respond(to request: Request) -> (route: Route?, response: Response) {
        let route = routes[request.path]
        return (route, respond(to: request, route: route))
    }

    /// Runs `route`, the one `route(for: request.path)` found, mapping errors; never throws.
    func respond(to request: Request, route: Route?) -> Response {
        guard let route else {
            return HTTPError(404, "no handler for this path").response
        }
        return Self.run(methods: route.methods, handler: route.handler, errorResponse: route.errorResponse, request)
    }

    /// Runs a resolved route in place (a connection's request path: nothing of the route is copied).
    func respond(to request: Request, resolved: ResolvedRoute) -> Response {
        guard resolved.found else {
            return HTTPError(404, "no handler for this path").response
        }
        return Self.run(methods: resolved.methods, handler: resolved.handler, errorResponse: resolved.errorResponse, request)
    }

    private static func run(methods: [String], handler: Handler, errorResponse: (@Sendable (any Error, Request) -> Response)?,
                            _ request: Request) -> Response {
        guard methods.contains(request.method) else {
            var response = HTTPError(405, "method not allowed").response
            response.headers.append((name: "Allow", value: methods.sorted().joined(separator: ", ")))
            return response
        }
        do {
            return try handler(request)
        } catch let error as HTTPError {
            return error.response
        } catch {
            if let errorResponse { return errorResponse(error, request) }
            return HTTPError(500, "internal error").response
        }
    }
}
