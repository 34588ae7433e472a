import HTTPServer
import Testing

/// Routing, health endpoints and keep-alive over real TLS sockets.
struct ServerRoutingTests {
    static let echo = Route(["POST"], "/echo", name: "echo") { request in
        Response(status: 200, contentType: "application/octet-stream", body: request.body)
    }

    @Test func healthzAnswersOkOverTLS() throws {
        let server = try TestServer()
        let client = try server.client()
        let response = try client.request("GET", "/healthz")
        #expect(response.status == 200)
        #expect(response.text == "ok")
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try TestServer(routes: [Self.echo])
        let client = try server.client()
        for i in 0..<5 {
            let response = try client.request("POST", "/echo", body: Array("request \(i)".utf8))
            #expect(response.status == 200)
            #expect(response.text == "request \(i)")
            #expect(response.header("Connection") == nil)
        }
    }

    @Test func unknownPathGetsJSON404() throws {
        let server = try TestServer()
        let response = try server.client().request("GET", "/nowhere")
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.text == #"{"code":404,"message":"no handler for this path"}"# + "\n")
    }

    @Test func wrongMethodGets405WithAllow() throws {
        let server = try TestServer(routes: [Self.echo])
        let response = try server.client().request("GET", "/echo")
        #expect(response.status == 405)
        #expect(response.header("Allow") == "POST")
        #expect(response.text == #"{"code":405,"message":"method not allowed"}"# + "\n")
    }

    @Test func readyzNamesEveryConditionUntilCleared() throws {
        let server = try TestServer()
        server.readiness.markNotReady("authorizer", reason: "state not loaded")
        let client = try server.client()
        let notReady = try client.request("GET", "/readyz")
        #expect(notReady.status == 503)
        #expect(notReady.text == "not ready:\nauthorizer: state not loaded\n")
        server.readiness.markReady("authorizer")
        let ready = try client.request("GET", "/readyz")
        #expect(ready.status == 200)
        #expect(ready.text == "ok")
    }

    @Test func throwingHandlerGets500AndServerKeepsServing() throws {
        struct Boom: Error {}
        let failing = Route(["GET"], "/fail", name: "fail") { _ in throw Boom() }
        let server = try TestServer(routes: [failing])
        let client = try server.client()
        let response = try client.request("GET", "/fail")
        #expect(response.status == 500)
        #expect(response.text == #"{"code":500,"message":"internal error"}"# + "\n")
        #expect(try client.request("GET", "/healthz").text == "ok")
    }
}
