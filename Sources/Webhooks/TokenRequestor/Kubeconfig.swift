import JSON

/// A kubeconfig (clientcmd v1 `Config`) held as a document, so that fields this product
/// does not know survive a rewrite. Lookups follow Gardener's token-requestor
/// (`pkg/controller/tokenrequestor/reconciler.go`: `getCurrentContext`, `getAuthInfo`,
/// `getCluster`): the first entry with the wanted name wins, and the errors carry its messages.
struct Kubeconfig {
    /// Why a kubeconfig cannot serve; `message` is what the field error says.
    struct Problem: Error, Equatable { var message: String }

    /// How the document was written, so a rewrite keeps the form (JSON is valid YAML too).
    enum Syntax { case yaml, json }

    private(set) var document: JSONObject
    let syntax: Syntax

    /// Decodes the bytes of a `kubeconfig` secret key.
    init(bytes: [UInt8]) throws(Problem) {
        let parsed: JSONValue
        let syntax: Syntax
        if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
            do { parsed = try JSONParser.parse(bytes) } catch {
                throw Problem(message: "could not decode kubeconfig: \(error)")
            }
            syntax = .json
        } else {
            let documents: [JSONValue]
            do { documents = try YAMLDocuments.parse(bytes) } catch {
                throw Problem(message: "could not decode kubeconfig: \(error)")
            }
            guard documents.count == 1, let document = documents.first else {
                throw Problem(message: documents.isEmpty ? "could not decode kubeconfig: the document is empty"
                                                         : "could not decode kubeconfig: expected one YAML document, found \(documents.count)")
            }
            parsed = document
            syntax = .yaml
        }
        guard case .object(let document) = parsed else {
            throw Problem(message: "could not decode kubeconfig: the document is not a mapping")
        }
        self.document = document
        self.syntax = syntax
        try checkShape()
    }

    /// The bytes to store: YAML (or JSON, as it came).
    func encoded() -> [UInt8] {
        switch syntax {
        case .json: return JSONWriter.serialize(.object(document))
        case .yaml: return Array(YAMLDocuments.emit(.object(document)).utf8)
        }
    }

    /// The current context's `(cluster, user)` names.
    func currentContext() throws(Problem) -> (cluster: String, user: String) {
        let current = document["current-context"]?.stringValue ?? ""
        guard let context = named("contexts", current)?["context"] else {
            throw Problem(message: "did not find context defined in current context")
        }
        return (context["cluster"]?.stringValue ?? "", context["user"]?.stringValue ?? "")
    }

    /// Checks that the current context, its user and its cluster all exist.
    func checkCurrentContext() throws(Problem) {
        let context = try currentContext()
        guard named("users", context.user) != nil else {
            throw Problem(message: "did not find authInfo of current context named \(context.user)")
        }
        _ = try currentClusterIndex()
    }

    /// `certificate-authority-data` of the current context's cluster, decoded; nil when unset.
    func currentClusterCertificateAuthorityData() throws(Problem) -> [UInt8]? {
        let index = try currentClusterIndex()
        guard let text = clusters[index]["cluster"]?["certificate-authority-data"]?.stringValue else { return nil }
        return try? Base64Codec.decodeLikeGo(text)
    }

    /// Sets `certificate-authority-data` of the current context's cluster.
    mutating func setCurrentClusterCertificateAuthorityData(_ bytes: [UInt8]) throws(Problem) {
        let index = try currentClusterIndex()
        var entries = clusters
        var cluster = entries[index]["cluster"]?.objectValue ?? JSONObject()
        cluster["certificate-authority-data"] = .string(Base64Codec.encode(bytes))
        entries[index]["cluster"] = .object(cluster)
        document["clusters"] = .array(entries)
    }

    private var clusters: [JSONValue] { document["clusters"]?.arrayValue ?? [] }

    private func currentClusterIndex() throws(Problem) -> Int {
        let name = try currentContext().cluster
        guard let index = clusters.firstIndex(where: { $0["name"]?.stringValue == name }) else {
            throw Problem(message: "did not find cluster of current context named \(name)")
        }
        return index
    }

    private func named(_ list: String, _ name: String) -> JSONValue? {
        document[list]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    /// The fields read here must have the types clientcmd decodes into, as its strict
    /// decoder would refuse the kubeconfig otherwise.
    private func checkShape() throws(Problem) {
        func fail(_ field: String, _ type: String) -> Problem {
            Problem(message: "could not decode kubeconfig: \(field) must be \(type)")
        }
        if let current = document["current-context"], !current.isNull, current.stringValue == nil {
            throw fail("current-context", "a string")
        }
        // `*-data` fields are `[]byte` in clientcmd, so they must be base64 text.
        for (list, inner, fields, binary) in [("contexts", "context", ["cluster", "user"], []),
                                              ("clusters", "cluster", [], ["certificate-authority-data"]),
                                              ("users", "user", [], ["client-certificate-data", "client-key-data"])] {
            guard let value = document[list], !value.isNull else { continue }
            guard let entries = value.arrayValue else { throw fail(list, "a list") }
            for entry in entries {
                guard entry.objectValue != nil else { throw fail("\(list)[]", "a mapping") }
                if let name = entry["name"], !name.isNull, name.stringValue == nil {
                    throw fail("\(list)[].name", "a string")
                }
                guard let body = entry[inner], !body.isNull else { continue }
                guard body.objectValue != nil else { throw fail("\(list)[].\(inner)", "a mapping") }
                for field in fields + binary {
                    guard let v = body[field], !v.isNull else { continue }
                    guard let text = v.stringValue else { throw fail("\(list)[].\(inner).\(field)", "a string") }
                    if binary.contains(field), (try? Base64Codec.decodeLikeGo(text)) == nil {
                        throw fail("\(list)[].\(inner).\(field)", "base64-encoded")
                    }
                }
            }
        }
    }
}
