@testable import HTTPServer

// libFuzzer harness: the HTTP/1.1 request parser (llhttp as HTTPParser drives it) on arbitrary
// bytes, fed the way a connection feeds it. Beyond "no crash": the requests read and the verdict
// do not depend on how the bytes were split into reads (whole, one byte at a time, or in pieces
// of a size taken from the input), and nothing is consumed beyond what was given.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let whole = HTTPParserRun(input, chunk: max(size, 1))
    let piece = size > 0 ? Int(data[0] % 16) + 1 : 1
    for chunk in [1, piece] {
        let split = HTTPParserRun(input, chunk: chunk)
        guard split == whole else {
            fatalError("reads of \(chunk) bytes give \(split), the whole input gives \(whole)")
        }
    }
    return 0
}

/// One request as the parser delivered it.
struct ParsedRequest: Equatable {
    var method: UInt8
    var url: [UInt8]
    var headers: [UInt8]
    var fieldCount: Int
    var body: [UInt8]
    var keepAlive: Bool
}

/// The requests read from the input and how reading ended.
struct HTTPParserRun: Equatable, CustomStringConvertible {
    var requests: [ParsedRequest] = []
    var ending = ""

    init(_ input: UnsafeRawBufferPointer, chunk: Int) {
        let parser = HTTPParser(maxBodyBytes: 1 << 14, maxHeaderBytes: 1 << 12)
        var offset = 0
        reading: while offset < input.count {
            let end = min(offset + chunk, input.count)
            var rest = UnsafeRawBufferPointer(rebasing: input[offset..<end])
            offset = end
            var headerJustCompleted = false
            while !rest.isEmpty || headerJustCompleted {
                headerJustCompleted = false
                switch parser.feed(rest) {
                case .needMore:
                    rest = UnsafeRawBufferPointer(rebasing: rest[rest.endIndex...])
                case .headersComplete(let consumed):
                    guard consumed >= 0, consumed <= rest.count else { fatalError("consumed \(consumed) of \(rest.count)") }
                    rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + consumed)...])
                    headerJustCompleted = true
                case .messageComplete(let consumed):
                    guard consumed >= 0, consumed <= rest.count else { fatalError("consumed \(consumed) of \(rest.count)") }
                    rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + consumed)...])
                    requests.append(ParsedRequest(method: parser.method, url: parser.url, headers: parser.headerStorage,
                                                  fieldCount: parser.fields.count, body: parser.takeBody(),
                                                  keepAlive: parser.shouldKeepAlive))
                    parser.clearMessage()
                    if requests.count > 64 || parser.upgradeRequested {
                        ending = "stopped"
                        return
                    }
                case .bodyTooLarge:
                    ending = "body too large"
                    break reading
                case .headerTooLarge:
                    ending = "header too large"
                    break reading
                case .invalid:
                    ending = "invalid"
                    break reading
                }
            }
        }
        if ending.isEmpty { ending = parser.finish() ? "clean end" : "cut short" }
    }

    var description: String { "\(requests.count) requests, \(ending)" }
}
