import JSON
import Yams

/// Reads YAML streams into `JSONValue` documents. Scalars follow the YAML 1.1 core resolution
/// Yams applies (`true`, `3`, `null`); numbers keep their literal text when it is valid JSON.
enum YAMLDocuments {
    static func parse(_ text: String) throws -> [JSONValue] {
        var documents: [JSONValue] = []
        for node in try Yams.compose_all(yaml: text) {
            documents.append(try convert(node, depth: 0))
        }
        return documents
    }

    private static let maxDepth = 512

    private static func convert(_ node: Node, depth: Int) throws -> JSONValue {
        guard depth < maxDepth else { throw StateError("YAML nesting too deep") }
        switch node {
        case .scalar(let scalar):
            return convert(scalar)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else { throw StateError("YAML mapping key is not a scalar") }
                object.members.append(JSONMember(key: keyScalar.string, value: try convert(value, depth: depth + 1)))
            }
            return .object(object)
        case .sequence(let sequence):
            return .array(try sequence.map { try convert($0, depth: depth + 1) })
        case .alias:
            throw StateError("YAML aliases are not supported")
        }
    }

    private static func convert(_ scalar: Node.Scalar) -> JSONValue {
        switch scalar.tag.description {
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            switch scalar.string.lowercased() {
            case "true", "yes", "on", "y": return .bool(true)
            default: return .bool(false)
            }
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            if let number = try? JSONParser.parse(scalar.string), case .number = number { return number }
            return .string(scalar.string)
        default:
            return .string(scalar.string)
        }
    }
}

/// Why a state could not be loaded.
public struct StateError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
