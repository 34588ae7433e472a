import Authorizer
import JSON
import Webhooks

// libFuzzer harness: the Seed Authorizer endpoint on arbitrary bodies (SubjectAccessReview
// decoding, selector parsing, the rules and the graph of a small generated garden). Beyond
// "no crash": every answer is a SubjectAccessReview with a boolean status.allowed, and a body
// the decoder accepts is JSON the parser accepts too.
let endpoint: SeedAuthorizerEndpoint = {
    let garden = SyntheticGarden(seeds: 3, shoots: 12)
    let (objects, projects) = garden.objects()
    let graph = ResourceGraph()
    graph.apply(GardenState(objects, namespaceProjects: projects, now: 1_790_000_000).events(from: GardenState()))
    return SeedAuthorizerEndpoint(authorizer: SeedAuthorizer(graph: graph))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSubjectAccessReview(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    if (try? SubjectAccessReview.decode(body)) != nil, (try? JSONParser.parse(body)) == nil {
        fatalError("the SubjectAccessReview decoder accepted a body that is not JSON")
    }
    let answer = endpoint.respond(contentType: "application/json", body: body)
    guard let document = try? JSONParser.parse(answer), document["kind"] == .string("SubjectAccessReview"),
          document[path: "status", "allowed"]?.boolValue != nil else {
        fatalError("not a SubjectAccessReview answer: \(String(decoding: answer, as: UTF8.self))")
    }
    return 0
}
