import JSON

/// Applies an RFC 6902 patch with Python's `jsonpatch` package, an implementation independent of
/// this product, and returns the patched document.
func applyWithPythonJSONPatch(_ patch: [UInt8], to document: JSONValue) throws -> JSONValue {
    let script = """
    import json, sys, jsonpatch
    document, patch = json.loads(sys.stdin.read())
    sys.stdout.write(json.dumps(jsonpatch.JsonPatch(patch).apply(document), separators=(",", ":")))
    """
    var input = Array("[".utf8)
    input += JSONWriter.serialize(document)
    input += Array(",".utf8)
    input += patch
    input += Array("]".utf8)
    return try JSONParser.parse(try run("/usr/bin/env", ["python3", "-c", script], input: input))
}
