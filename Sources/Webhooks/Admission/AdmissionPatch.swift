import JSON

/// The JSONPatch (RFC 6902) a mutating webhook answers with: the difference between the
/// object kube-apiserver sent and the object the webhook returned.
enum AdmissionPatch {
    /// The patch as JSON text, or nil when the documents are equal.
    static func patch(from original: JSONValue, to modified: JSONValue) -> [UInt8]? {
        var operations: [JSONValue] = []
        diff(original, modified, pointer: "", into: &operations)
        return operations.isEmpty ? nil : JSONWriter.serialize(.array(operations))
    }

    private static func diff(_ a: JSONValue, _ b: JSONValue, pointer: String, into ops: inout [JSONValue]) {
        if a == b { return }
        switch (a, b) {
        case (.object(let left), .object(let right)):
            for member in left.members where right[member.key] == nil {
                ops.append(operation("remove", pointer + "/" + escape(member.key)))
            }
            for member in right.members {
                let path = pointer + "/" + escape(member.key)
                if let old = left[member.key] {
                    diff(old, member.value, pointer: path, into: &ops)
                } else {
                    ops.append(operation("add", path, member.value))
                }
            }
        case (.array(let left), .array(let right)) where left.count == right.count:
            for index in left.indices {
                diff(left[index], right[index], pointer: pointer + "/" + String(index), into: &ops)
            }
        default:
            ops.append(operation("replace", pointer, b))
        }
    }

    private static func operation(_ op: String, _ path: String, _ value: JSONValue? = nil) -> JSONValue {
        var object = JSONObject([JSONMember(key: "op", value: .string(op)), JSONMember(key: "path", value: .string(path))])
        if let value { object["value"] = value }
        return .object(object)
    }

    /// RFC 6901 §3: `~` → `~0`, `/` → `~1`.
    private static func escape(_ key: String) -> String {
        guard key.contains(where: { $0 == "~" || $0 == "/" }) else { return key }
        var out = ""
        for character in key {
            switch character {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(character)
            }
        }
        return out
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with padding (RFC 4648 §4), as Go encodes `[]byte` in JSON.
    static func appendBase64(_ bytes: [UInt8], to out: inout [UInt8]) {
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(alphabet[Int(n >> 18 & 63)]); out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)]); out.append(alphabet[Int(n & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out.append(alphabet[Int(n >> 18 & 63)]); out.append(alphabet[Int(n >> 12 & 63)])
            out.append(UInt8(ascii: "=")); out.append(UInt8(ascii: "="))
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)]); out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)]); out.append(UInt8(ascii: "="))
        }
    }
}
