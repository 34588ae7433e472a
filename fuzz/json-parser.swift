@testable import JSON

// libFuzzer harness: JSONParser and JSONReader on arbitrary bytes. Properties beyond "no crash":
// the reader accepts exactly what the parser accepts; skipping (whole, or member by member)
// ends where reading every token ends, or fails with the same error; and an accepted document
// survives write → parse unchanged; a simdjson tape accepts nothing the parser refuses and reads
// the same document, also when parsed in place with meaningful bytes behind the text.
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
    var copiedAccepted = false
    if let tape = JSONTape(input) {
        guard let parsed else { fatalError("JSONTape accepts what JSONParser refuses") }
        guard tape.isDocument(parsed) else { fatalError("JSONTape and JSONParser read different documents") }
        copiedAccepted = true
    }
    // Parsed in place, with bytes behind the text that would mean something if read as part of
    // it, the tape is the same: accepted and refused alike, the same document.
    var padded = Array(input)
    padded.append(contentsOf: repeatElement(size % 2 == 0 ? UInt8(ascii: "9") : UInt8(ascii: "\""), count: JSONTape.padding))
    let inPlace = padded.withUnsafeBufferPointer { all in
        JSONTape(UnsafeBufferPointer(rebasing: all[..<size]), allocatedCount: all.count).map { $0.isDocument(parsed ?? .null) }
    }
    guard (inPlace != nil) == copiedAccepted else { fatalError("JSONTape in place and copied accept differently") }
    if let inPlace {
        guard parsed != nil, inPlace else { fatalError("JSONTape in place reads another document than JSONParser") }
    }
    if let parsed {
        let written = JSONWriter.serialize(parsed)
        guard (try? JSONParser.parse(written)) == parsed else { fatalError("write → parse changed the document") }
    }
    return 0
}
