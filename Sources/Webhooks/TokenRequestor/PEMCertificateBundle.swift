import COpenSSL
import JSON

/// A PEM bundle in which every block is an X.509 certificate that OpenSSL parses.
/// Text between blocks is ignored, as Go's `encoding/pem` ignores it; the bytes are kept
/// exactly as given, because they are what gets injected and compared.
public struct PEMCertificateBundle: Sendable, Equatable {
    /// Why bytes are not a certificate bundle.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let bytes: [UInt8]
    public let certificateCount: Int

    public init(bytes: [UInt8]) throws(Problem) {
        self.bytes = bytes
        self.certificateCount = try Self.countCertificates(in: bytes)
    }

    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)

    private static func countCertificates(in bytes: [UInt8]) throws(Problem) -> Int {
        var count = 0
        var open: (label: [UInt8], body: [UInt8])?
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = trimmed(rawLine)
            if let current = open {
                if let label = armorLabel(line, prefix: end) {
                    guard label == current.label else {
                        throw Problem(message: "PEM block \(count + 1) ends with a different label than it began")
                    }
                    count += 1
                    guard label == Array("CERTIFICATE".utf8) else {
                        throw Problem(message: "PEM block \(count) is a \(String(decoding: label, as: UTF8.self)), not a CERTIFICATE")
                    }
                    guard isX509Certificate(base64: current.body) else {
                        throw Problem(message: "PEM block \(count) is not a parsable X.509 certificate")
                    }
                    open = nil
                } else {
                    open?.body.append(contentsOf: line)
                }
            } else if let label = armorLabel(line, prefix: begin) {
                open = (label, [])
            }
        }
        if open != nil { throw Problem(message: "PEM block \(count + 1) has no END line") }
        if count == 0 { throw Problem(message: "no PEM certificate found") }
        return count
    }

    /// `LABEL` of a `-----BEGIN LABEL-----` / `-----END LABEL-----` line.
    private static func armorLabel(_ line: ArraySlice<UInt8>, prefix: [UInt8]) -> [UInt8]? {
        guard line.count >= prefix.count + dashes.count,
              line.starts(with: prefix), line.reversed().starts(with: dashes) else { return nil }
        return Array(line.dropFirst(prefix.count).dropLast(dashes.count))
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard let first = line.firstIndex(where: { !isSpace($0) }),
              let last = line.lastIndex(where: { !isSpace($0) }) else { return line[line.endIndex...] }
        return line[first...last]
    }

    /// Whether the base64 body is exactly one DER X.509 certificate.
    private static func isX509Certificate(base64 body: [UInt8]) -> Bool {
        guard let der = try? Base64Codec.decodeLikeGo(String(decoding: body, as: UTF8.self)), !der.isEmpty else { return false }
        let parsed = der.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var cursor: UnsafePointer<UInt8>? = base
            guard let certificate = d2i_X509(nil, &cursor, buffer.count) else { return false }
            defer { X509_free(certificate) }
            return cursor == base + buffer.count
        }
        // A failed parse leaves entries on this thread's OpenSSL error queue, which the
        // TLS code on the same event loop would otherwise misread later.
        if !parsed { ERR_clear_error() }
        return parsed
    }
}
