/// One RFC 6902 operation.
public enum JSONPatchOperation: Sendable, Equatable {
    case add(path: JSONPointer, value: JSONValue)
    case remove(path: JSONPointer)
    case replace(path: JSONPointer, value: JSONValue)
    case move(from: JSONPointer, path: JSONPointer)
    case copy(from: JSONPointer, path: JSONPointer)
    case test(path: JSONPointer, value: JSONValue)

    /// The operation as its JSON object, members in the order `op`, `from`, `path`, `value`.
    public var jsonValue: JSONValue {
        var members: [JSONMember] = []
        func member(_ key: String, _ value: JSONValue) { members.append(JSONMember(key: key, value: value)) }
        switch self {
        case .add(let path, let value):
            member("op", .string("add")); member("path", .string(path.description)); member("value", value)
        case .remove(let path):
            member("op", .string("remove")); member("path", .string(path.description))
        case .replace(let path, let value):
            member("op", .string("replace")); member("path", .string(path.description)); member("value", value)
        case .move(let from, let path):
            member("op", .string("move")); member("from", .string(from.description)); member("path", .string(path.description))
        case .copy(let from, let path):
            member("op", .string("copy")); member("from", .string(from.description)); member("path", .string(path.description))
        case .test(let path, let value):
            member("op", .string("test")); member("path", .string(path.description)); member("value", value)
        }
        return .object(JSONObject(members))
    }

    /// Reads one operation object (RFC 6902 §4); unknown members are ignored as §4 says.
    public init(_ value: JSONValue) throws(JSONPatchError) {
        guard case .object(let object) = value else { throw JSONPatchError("a patch operation is not an object") }
        guard case .string(let op)? = object["op"] else { throw JSONPatchError("a patch operation has no \"op\" string") }
        func pointer(_ key: String) throws(JSONPatchError) -> JSONPointer {
            guard case .string(let text)? = object[key] else {
                throw JSONPatchError("the \(op) operation has no \"\(key)\" string")
            }
            return try JSONPointer(parsing: text)
        }
        func operand() throws(JSONPatchError) -> JSONValue {
            guard let value = object["value"] else { throw JSONPatchError("the \(op) operation has no \"value\"") }
            return value
        }
        switch op {
        case "add": self = .add(path: try pointer("path"), value: try operand())
        case "remove": self = .remove(path: try pointer("path"))
        case "replace": self = .replace(path: try pointer("path"), value: try operand())
        case "move": self = .move(from: try pointer("from"), path: try pointer("path"))
        case "copy": self = .copy(from: try pointer("from"), path: try pointer("path"))
        case "test": self = .test(path: try pointer("path"), value: try operand())
        default: throw JSONPatchError("unknown patch operation \"\(op)\"")
        }
    }
}
