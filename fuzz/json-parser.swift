@testable import JSON

// libFuzzer harness: JSONParser and JSONReader on arbitrary bytes. Properties beyond "no crash":
// the reader accepts exactly what the parser accepts; skipping (whole, or member by member)
// ends where reading every token ends, or fails with the same error; and an accepted document
// survives write → parse unchanged; a simdjson tape accepts nothing the parser refuses and reads
// the same document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let parsed = try? JSONParser.parse(input)
    let pulled = FuzzSupport.readAll(input)
    guard parsed == pulled else { fatalError("JSONReader and JSONParser disagree") }
    // Skipping accepts and refuses exactly as reading every token does, with the same error.
    let everyToken = FuzzSupport.outcome(input, skip: false)
    guard FuzzSupport.outcome(input, skip: true) == everyToken else { fatalError("skipValue and next() disagree") }
    guard FuzzSupport.outcome(input, skip: true, byMembers: true) == everyToken else { fatalError("nextKey/hasNextElement and next() disagree") }
    // A tape (simdjson) only holds what the parser accepts, with the same strings and shape.
    if let tape = JSONTape(input) {
        guard let parsed else { fatalError("JSONTape accepts what JSONParser refuses") }
        guard tape.isDocument(parsed) else { fatalError("JSONTape and JSONParser read different documents") }
    }
    if let parsed {
        let written = JSONWriter.serialize(parsed)
        guard (try? JSONParser.parse(written)) == parsed else { fatalError("write → parse changed the document") }
    }
    return 0
}
