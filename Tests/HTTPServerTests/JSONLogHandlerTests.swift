#if canImport(Glibc)
import Glibc
#endif
import HTTPServer
import Logging
import Testing

struct JSONLogHandlerTests {
    /// Logs through a pipe and returns the line written.
    static func logLine(_ body: (Logger) -> Void) throws -> String {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let handler = JSONLogHandler(label: "test.logger", level: .info, fd: fds[1])
        body(Logger(label: "test.logger") { _ in handler })
        close(fds[1])
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func writesOneJSONObjectPerLineWithSortedMetadata() throws {
        let line = try Self.logLine { $0.warning("certificate \"reload\"\nfailed", metadata: ["zeta": "1", "alpha": ["x", "y"]]) }
        #expect(line.hasPrefix(#"{"time":""#))
        #expect(line.hasSuffix(#"","level":"warning","logger":"test.logger","msg":"certificate \"reload\"\nfailed","alpha":["x","y"],"zeta":"1"}"# + "\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let time = line.dropFirst(9).prefix(24)
        #expect(time.count == 24)
        #expect(time.last == "Z")
        #expect(time.dropFirst(10).first == "T")
    }

    @Test func dropsMessagesBelowTheLevel() throws {
        #expect(try Self.logLine { $0.debug("hidden") } == "")
    }

    @Test func escapesControlCharacters() throws {
        let line = try Self.logLine { $0.info("a\u{01}b") }
        #expect(line.contains(#""msg":"a\u0001b""#))
    }
}
