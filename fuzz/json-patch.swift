import JSON

// libFuzzer harness: JSONPatch on documents from the input. The input is read as a JSON array
// [a, b, patch?]: diff(a, b) applied to a must give b (with a's member order, which a patch
// cannot change), the written patch must read back to the same operations, and an arbitrary
// `patch` applied to `a` may fail but must not crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONPatch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard case .array(let elements)? = try? JSONParser.parse(UnsafeBufferPointer(start: data, count: size)),
          elements.count >= 2, !FuzzSupport.hasDuplicateKeys(.array(elements)) else { return 0 }
    let a = elements[0]
    let b = elements[1]
    let patch = JSONPatch.diff(from: a, to: b)
    guard let applied = try? JSONPatch.apply(patch, to: a) else { fatalError("a computed patch does not apply") }
    guard applied == FuzzSupport.expectedPatchResult(a, b), applied.isEquivalent(to: b) else {
        fatalError("diff then apply does not give the target")
    }
    guard patch.isEmpty == (a == applied) else { fatalError("an empty patch for different documents, or the reverse") }
    let written = JSONPatch.serialize(patch)
    guard let reread = try? JSONParser.parse(written), (try? JSONPatch.operations(from: reread)) == patch else {
        fatalError("the written patch does not read back")
    }
    if elements.count >= 3, let operations = try? JSONPatch.operations(from: elements[2]) {
        _ = try? JSONPatch.apply(operations, to: a)
    }
    return 0
}
