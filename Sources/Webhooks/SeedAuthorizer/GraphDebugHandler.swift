import Authorizer
import HTTPServer
import JSON

/// `GET /debug/graph?kind=&namespace=&name=[&seed=][&format=dot]`: the vertices and edges around
/// the matching objects and, for one object, its path to a seed (the named one, or the nearest).
/// Like Gardener's `/debug/resource-dependency-graph`, a large graph is cut to a limit.
enum GraphDebugHandler {
    static let limit = 2000

    static func respond(graph: ResourceGraph, request: Request) throws -> Response {
        var kind: VertexKind?
        if let text = request.queryParameter("kind"), !text.isEmpty {
            guard let parsed = VertexKind(kind: text) else { throw HTTPError(400, "unknown kind") }
            kind = parsed
        }
        let namespace = request.queryParameter("namespace")
        let name = request.queryParameter("name").flatMap { $0.isEmpty ? nil : $0 }
        // With kind and name an object is looked up exactly (namespace "" for cluster-scoped ones).
        let around = graph.neighbourhood(kind: kind, namespace: kind != nil && name != nil ? (namespace ?? "") : namespace,
                                         name: name, limit: limit)
        var path: [VertexName]?
        if around.matched.count == 1, let start = around.matched.first {
            path = graph.path(from: start, toSeed: request.queryParameter("seed").flatMap { $0.isEmpty ? nil : $0 })
        }
        if request.queryParameter("format") == "dot" {
            return Response(status: 200, contentType: "text/vnd.graphviz; charset=utf-8",
                            body: Array(dot(around, path: path).utf8))
        }
        return .json(200, JSONWriter.serialize(json(around, path: path)))
    }

    private static func vertexJSON(_ vertex: VertexName) -> JSONValue {
        .object(JSONObject([
            JSONMember(key: "kind", value: .string(vertex.kind.kind)),
            JSONMember(key: "namespace", value: .string(vertex.namespace)),
            JSONMember(key: "name", value: .string(vertex.name)),
        ]))
    }

    static func json(_ around: GraphNeighbourhood, path: [VertexName]?) -> JSONValue {
        var members = [
            JSONMember(key: "matched", value: .array(around.matched.map(vertexJSON))),
            JSONMember(key: "vertices", value: .array(around.vertices.map(vertexJSON))),
            JSONMember(key: "edges", value: .array(around.edges.map { edge in
                .object(JSONObject([JSONMember(key: "from", value: .string(edge.0.description)),
                                    JSONMember(key: "to", value: .string(edge.1.description))]))
            })),
            JSONMember(key: "truncated", value: .bool(around.truncated)),
        ]
        if let path { members.append(JSONMember(key: "pathToSeed", value: .array(path.map { .string($0.description) }))) }
        return .object(JSONObject(members))
    }

    static func dot(_ around: GraphNeighbourhood, path: [VertexName]?) -> String {
        func quote(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var pathEdges = Set<String>()
        if let path, path.count > 1 {
            for index in 1..<path.count { pathEdges.insert("\(path[index - 1]) -> \(path[index])") }
        }
        var out = "digraph resources {\n  rankdir=LR;\n"
        for vertex in around.vertices { out += "  \(quote(vertex.description));\n" }
        for (from, to) in around.edges {
            let onPath = pathEdges.contains("\(from) -> \(to)")
            out += "  \(quote(from.description)) -> \(quote(to.description))\(onPath ? " [color=red]" : "");\n"
        }
        return out + "}\n"
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
