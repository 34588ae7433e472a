import JSON

/// Splits a watch body into its newline-delimited JSON events (`{"type":…,"object":{…}}`) as
/// bytes arrive; a line may span any number of reads.
struct WatchEventDecoder {
    /// A single event larger than this ends the stream (etcd caps objects at 1.5 MiB).
    static let maxEventBytes = 64 << 20

    private var buffer: [UInt8] = []
    /// Where the search for the next newline resumes, so a slow stream is not rescanned.
    private var scanned = 0

    /// Adds bytes and returns the complete events they finish.
    mutating func feed(_ bytes: [UInt8]) throws(KubeClientError) -> [JSONValue] {
        buffer.append(contentsOf: bytes)
        var events: [JSONValue] = []
        var start = 0
        var index = scanned
        while index < buffer.count {
            if buffer[index] == UInt8(ascii: "\n") {
                if index > start {
                    let line = buffer[start..<index]
                    do {
                        events.append(try line.withUnsafeBufferPointer { (b) throws(JSONError) in try JSONParser.parse(b) })
                    } catch {
                        throw KubeClientError("malformed watch event: \(error)")
                    }
                }
                start = index + 1
            }
            index += 1
        }
        if start > 0 { buffer.removeFirst(start) }
        scanned = buffer.count
        if buffer.count > Self.maxEventBytes { throw KubeClientError("a watch event exceeds \(Self.maxEventBytes) bytes") }
        return events
    }
}
