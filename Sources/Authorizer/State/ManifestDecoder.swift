import JSON

/// Splits a manifest file into objects: several YAML documents, a JSON document, or a `kind: List`
/// (`kubectl get -o yaml|json`), whose items are taken one by one.
public enum ManifestDecoder {
    public static func objects(in bytes: [UInt8], source: String) throws(StateError) -> [JSONValue] {
        let documents: [JSONValue]
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            do {
                documents = [try JSONParser.parse(bytes)]
            } catch {
                throw StateError("\(source): invalid JSON: \(error)")
            }
        } else {
            do {
                documents = try YAMLDocuments.parse(bytes)
            } catch {
                throw StateError("\(source): invalid YAML: \(error)")
            }
        }
        var objects: [JSONValue] = []
        for document in documents { flatten(document, into: &objects) }
        return objects
    }

    private static func flatten(_ document: JSONValue, into objects: inout [JSONValue]) {
        switch document {
        case .null:
            return  // an empty YAML document
        case .array(let elements):
            for element in elements { flatten(element, into: &objects) }
        case .object:
            if let items = document["items"]?.arrayValue, document.string("kind").hasSuffix("List") {
                for item in items { flatten(item, into: &objects) }
            } else {
                objects.append(document)
            }
        default:
            objects.append(document)
        }
    }
}
