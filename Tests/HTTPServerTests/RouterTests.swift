import HTTPServer
import Testing

struct RouterTests {
    struct Refused: Error {}

    static let router = Router([
        Route(["POST"], "/webhooks/auth/seed", name: "auth-seed", errorResponse: { _, _ in .json(200, Array("mapped".utf8)) }) { request in
            if request.body == Array("throw".utf8) { throw Refused() }
            if request.body == Array("http".utf8) { throw HTTPError(422, "request body is \"bad\"") }
            return .json(200, request.body)
        },
        Route(["GET", "POST"], "/both", name: "both") { _ in .text(200, "ok") },
        Route(["GET"], "/plain", name: "plain") { _ in throw Refused() },
    ])

    @Test func unknownPathIsJSON404WithoutRoute() {
        let (route, response) = Self.router.respond(to: Request(method: "GET", path: "/nope"))
        #expect(route == nil)
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"code":404,"message":"no handler for this path"}"# + "\n")
    }

    @Test func wrongMethodIs405WithSortedAllow() {
        let (route, response) = Self.router.respond(to: Request(method: "PUT", path: "/both"))
        #expect(route?.name == "both")
        #expect(response.status == 405)
        #expect(response.headers.map { "\($0.name): \($0.value)" } == ["Allow: GET, POST"])
    }

    @Test func thrownHTTPErrorRendersEscapedJSON() {
        let (_, response) = Self.router.respond(to: Request(method: "POST", path: "/webhooks/auth/seed", body: Array("http".utf8)))
        #expect(response.status == 422)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"code":422,"message":"request body is \"bad\""}"# + "\n")
    }

    @Test func otherErrorsUseTheRoutesMappingOr500() {
        let (_, mapped) = Self.router.respond(to: Request(method: "POST", path: "/webhooks/auth/seed", body: Array("throw".utf8)))
        #expect(mapped.status == 200)
        #expect(mapped.body == Array("mapped".utf8))
        let (_, plain) = Self.router.respond(to: Request(method: "GET", path: "/plain"))
        #expect(plain.status == 500)
    }

    @Test func queryParametersArePercentDecoded() {
        let request = Request(method: "GET", path: "/", query: "timeout=5s&fieldSelector=spec.seedName%3Dlocal&empty&plus=a+b")
        #expect(request.queryParameter("timeout") == "5s")
        #expect(request.queryParameter("fieldSelector") == "spec.seedName=local")
        #expect(request.queryParameter("empty") == "")
        #expect(request.queryParameter("plus") == "a b")
        #expect(request.queryParameter("missing") == nil)
    }

    @Test func headersAreFoundCaseInsensitively() {
        let request = Request(method: "POST", path: "/", headers: [("content-type", "Application/JSON; charset=utf-8")])
        #expect(request.header("Content-Type") == "Application/JSON; charset=utf-8")
        #expect(request.mediaType == "application/json")
        #expect(request.hasMediaType("application/json"))
        #expect(!request.hasMediaType("application/jso"))
        #expect(Request(method: "POST", path: "/", headers: [("CONTENT-TYPE", " \tapplication/json\t ")]).hasMediaType("application/json"))
        #expect(!Request(method: "POST", path: "/", headers: [("Content-Typ", "application/json")]).hasMediaType("application/json"))
        #expect(!Request(method: "POST", path: "/", headers: [("Content-Type", "application/json-seq")]).hasMediaType("application/json"))
        // Only ASCII letters fold: `[` (0x5B) and `{` (0x7B) differ by the case bit but are not letters.
        #expect(Request(method: "POST", path: "/", headers: [("X-[", "v")]).header("x-{") == nil)
        #expect(Request(method: "POST", path: "/", headers: [("Content-Type", "Text/Plain")]).mediaType == "text/plain")
    }
}
