/// YAML in and out of the JSON document model, as Kubernetes tooling reads and writes it:
/// manifests and `kubectl get -o yaml` output for the state, kubeconfigs for the clients and the
/// token-requestor webhook.
public enum YAMLDocuments {
    /// Every non-empty document of a YAML stream (documents separated by `---`), typed as
    /// sigs.k8s.io/yaml types them (see `YAMLScalarResolver`), with mapping order kept.
    /// Documents with no content (only comments, or nothing between two `---`) are skipped;
    /// an explicit `null` document is kept. Duplicate keys, keys that are sequences or
    /// mappings, unknown aliases and `!!binary` are errors; nesting is capped at `maxDepth`
    /// and alias expansion at `YAMLComposer.aliasAllowance` nodes beyond the spelled-out ones.
    public static func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(YAMLError) -> [JSONValue] {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    /// The same for raw bytes (UTF-8, or UTF-16 with a byte-order mark); invalid encodings are errors.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(YAMLError) -> [JSONValue] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> [JSONValue] in
            try YAMLComposer.compose(buffer, maxDepth: maxDepth)
        }
    }

    /// One document in block style, as `kubectl` writes kubeconfigs: members in order, sequences
    /// not indented under their key, strings quoted only when they would otherwise read back as
    /// something else. `parse(emit(v)) == [v]` for every value whose numbers are in Go's
    /// canonical form (other number spellings come back as the number kubectl would read).
    public static func emit(_ value: JSONValue) -> String {
        var emitter = YAMLEmitter()
        emitter.emitDocument(value)
        return emitter.output
    }
}
