import JSON
import Yams

/// YAML ↔ `JSONValue` for kubeconfigs, with the YAML 1.1 scalar types that
/// sigs.k8s.io/yaml (what client-go's kubeconfig codec uses) resolves.
enum KubeconfigYAML {
    struct DecodeError: Error, Equatable { var message: String }

    /// The one document in `text`.
    static func parse(_ text: String) throws(DecodeError) -> JSONValue {
        let nodes: [Node]
        do {
            nodes = Array(try Yams.compose_all(yaml: text))
        } catch {
            throw DecodeError(message: "\(error)")
        }
        guard nodes.count == 1, let node = nodes.first else {
            throw DecodeError(message: nodes.isEmpty ? "the document is empty" : "expected one YAML document, found \(nodes.count)")
        }
        return try value(of: node, depth: 0)
    }

    /// Block-style YAML; strings that would read as another type are quoted.
    static func emit(_ value: JSONValue) -> String {
        // Serializing a tree we built ourselves cannot fail; fall back to JSON, which is YAML too.
        return (try? Yams.serialize(node: node(of: value), width: -1, allowUnicode: true))
            ?? JSONWriter.string(value)
    }

    private static let maxDepth = 64

    private static func value(of node: Node, depth: Int) throws(DecodeError) -> JSONValue {
        guard depth < maxDepth else { throw DecodeError(message: "nesting too deep") }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, node: node)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence { elements.append(try value(of: element, depth: depth + 1)) }
            return .array(elements)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, element) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw DecodeError(message: "mapping keys must be scalars")
                }
                let name = keyScalar.string
                guard object[name] == nil else { throw DecodeError(message: "duplicate key \"\(name)\"") }
                object.members.append(JSONMember(key: name, value: try value(of: element, depth: depth + 1)))
            }
            return .object(object)
        case .alias:
            throw DecodeError(message: "YAML aliases are not supported")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, node: Node) -> JSONValue {
        switch Resolver.default.resolveTag(of: node) {
        case .null: return .null
        case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case .int: return node.int.map { .number(String($0)) } ?? .string(scalar.string)
        case .float:
            if let double = node.float, double.isFinite { return .number(String(double)) }
            return .string(scalar.string)
        default: return .string(scalar.string)
        }
    }

    private static func node(of value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let b): return Node(b ? "true" : "false", Tag(.bool))
        case .number(let text): return Node(text, Tag(text.contains(where: { ".eE".contains($0) }) ? .float : .int))
        case .string(let s):
            // The emitter writes plain scalars unless told otherwise; quote what would read back as another type.
            let readsAsString = Resolver.default.resolveTag(of: Node(s)) == .str
            return Node(s, Tag(.str), readsAsString ? .any : .doubleQuoted)
        case .array(let elements): return Node(elements.map(node(of:)))
        case .object(let object):
            return Node(object.members.map { (Node($0.key, Tag(.str)), node(of: $0.value)) })
        }
    }
}
