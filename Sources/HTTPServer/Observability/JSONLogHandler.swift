#if canImport(Glibc)
import Glibc
#endif
import CSystemShim
import Logging

/// swift-log handler writing one JSON object per line to stderr:
/// `{"time":"2026-11-24T10:00:00.123Z","level":"info","logger":"…","msg":"…",<metadata>}`.
/// Each line goes out in a single write(2), so lines from several threads never interleave.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let fd: Int32

    public init(label: String, level: Logger.Level = .info, fd: Int32 = 2) {
        self.label = label
        self.logLevel = level
        self.fd = fd
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.append(contentsOf: #"{"time":""#.utf8)
        Self.appendTimestamp(into: &line)
        line.append(contentsOf: #"","level":""#.utf8)
        line.append(contentsOf: "\(event.level)".utf8)
        line.append(contentsOf: #"","logger":"#.utf8)
        Self.appendString(label, into: &line)
        line.append(contentsOf: #","msg":"#.utf8)
        Self.appendString("\(event.message)", into: &line)
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        for key in merged.keys.sorted() where key != "time" && key != "level" && key != "logger" && key != "msg" {
            guard let value = merged[key] else { continue }
            line.append(UInt8(ascii: ","))
            Self.appendString(key, into: &line)
            line.append(UInt8(ascii: ":"))
            Self.appendValue(value, into: &line)
        }
        line.append(contentsOf: "}\n".utf8)
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, bytes.baseAddress?.advanced(by: offset), bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        log(event: LogEvent(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line))
    }

    private static func appendValue(_ value: Logger.MetadataValue, into line: inout [UInt8]) {
        switch value {
        case .string(let text): appendString(text, into: &line)
        case .stringConvertible(let convertible): appendString(convertible.description, into: &line)
        case .array(let values):
            line.append(UInt8(ascii: "["))
            for (i, element) in values.enumerated() {
                if i > 0 { line.append(UInt8(ascii: ",")) }
                appendValue(element, into: &line)
            }
            line.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            line.append(UInt8(ascii: "{"))
            for (i, key) in dictionary.keys.sorted().enumerated() {
                if i > 0 { line.append(UInt8(ascii: ",")) }
                appendString(key, into: &line)
                line.append(UInt8(ascii: ":"))
                if let element = dictionary[key] { appendValue(element, into: &line) }
            }
            line.append(UInt8(ascii: "}"))
        }
    }

    static func appendString(_ text: String, into line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): line.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): line.append(contentsOf: [92, 92])
            case 10: line.append(contentsOf: [92, 110])
            case 13: line.append(contentsOf: [92, 114])
            case 9: line.append(contentsOf: [92, 116])
            case 0..<0x20:
                line.append(contentsOf: Array(#"\u00"#.utf8))
                line.append(hex[Int(byte >> 4)])
                line.append(hex[Int(byte & 15)])
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }

    /// RFC 3339 UTC with milliseconds.
    static func appendTimestamp(into line: inout [UInt8]) {
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        shim_realtime(&seconds, &nanos)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) {
            line.append(UInt8(48 + value / 10 % 10))
            line.append(UInt8(48 + value % 10))
        }
        let year = Int(parts.tm_year) + 1900
        line.append(contentsOf: String(year).utf8)
        line.append(UInt8(ascii: "-")); two(parts.tm_mon + 1)
        line.append(UInt8(ascii: "-")); two(parts.tm_mday)
        line.append(UInt8(ascii: "T")); two(parts.tm_hour)
        line.append(UInt8(ascii: ":")); two(parts.tm_min)
        line.append(UInt8(ascii: ":")); two(parts.tm_sec)
        line.append(UInt8(ascii: "."))
        let millis = Int32(nanos / 1_000_000)
        line.append(UInt8(48 + millis / 100 % 10)); two(millis % 100)
        line.append(UInt8(ascii: "Z"))
    }
}
