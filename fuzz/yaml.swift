import JSON

// libFuzzer harness: YAMLDocuments.parse on arbitrary bytes (aliases, tags, deep nesting,
// invalid encodings). An accepted document must survive emit → parse (numbers compared by value:
// Kubernetes' typing may respell them, e.g. a huge integer comes back as the float Go reads).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let documents = try? YAMLDocuments.parse(bytes) else { return 0 }
    for document in documents {
        let text = YAMLDocuments.emit(document)
        guard let back = try? YAMLDocuments.parse(text), back.count == 1, FuzzSupport.same(back[0], document) else {
            fatalError("emit → parse changed a document:\n\(text)")
        }
    }
    return 0
}
