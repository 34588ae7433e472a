import JSON

// libFuzzer harness: JSONParser and JSONReader on arbitrary bytes. Properties beyond "no crash":
// the reader accepts exactly what the parser accepts, and an accepted document survives
// write → parse unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let parsed = try? JSONParser.parse(input)
    let pulled = FuzzSupport.readAll(input)
    guard parsed == pulled else { fatalError("JSONReader and JSONParser disagree") }
    if let parsed {
        let written = JSONWriter.serialize(parsed)
        guard (try? JSONParser.parse(written)) == parsed else { fatalError("write → parse changed the document") }
    }
    return 0
}
