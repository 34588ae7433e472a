/// Base64 with the standard alphabet and padding (RFC 4648 §4), the encoding Kubernetes uses for
/// `[]byte` fields: Secret `data`, kubeconfig `certificate-authority-data`, AdmissionResponse `patch`.
public enum Base64Codec {
    @usableFromInline static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 6-bit value per byte; 0xFF for bytes outside the alphabet (including `=`).
    @usableFromInline static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(i) }
        return table
    }()

    @inlinable
    public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        encode(bytes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `bytes` to `out` (for writing straight into a JSON buffer).
    @inlinable
    public static func encode<Bytes: Collection>(_ bytes: Bytes, into out: inout [UInt8]) where Bytes.Element == UInt8 {
        // Contiguous bytes (the usual case: an Array) are encoded from their buffer.
        if bytes.withContiguousStorageIfAvailable({ encode(buffer: $0, into: &out) }) != nil { return }
        out.reserveCapacity(out.count + (bytes.count + 2) / 3 * 4)
        alphabet.withUnsafeBufferPointer { table in
            var iterator = bytes.makeIterator()
            while let b0 = iterator.next() {
                let b1 = iterator.next()
                let b2 = iterator.next()
                let n = UInt32(b0) << 16 | UInt32(b1 ?? 0) << 8 | UInt32(b2 ?? 0)
                out.append(table[Int(n >> 18 & 63)])
                out.append(table[Int(n >> 12 & 63)])
                out.append(b1 == nil ? UInt8(ascii: "=") : table[Int(n >> 6 & 63)])
                out.append(b2 == nil ? UInt8(ascii: "=") : table[Int(n & 63)])
                if b2 == nil { break }
            }
        }
    }

    @usableFromInline
    static func encode(buffer bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let count = bytes.count
        let start = out.count
        let length = (count + 2) / 3 * 4
        out.append(contentsOf: repeatElement(UInt8(ascii: "="), count: length))
        alphabet.withUnsafeBufferPointer { table in
            out.withUnsafeMutableBufferPointer { output in
                var i = 0
                var o = start
                while i + 3 <= count {
                    let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                    output[o] = table[Int(n >> 18 & 63)]
                    output[o + 1] = table[Int(n >> 12 & 63)]
                    output[o + 2] = table[Int(n >> 6 & 63)]
                    output[o + 3] = table[Int(n & 63)]
                    i += 3
                    o += 4
                }
                // One or two bytes left: two or three characters, the rest stays `=`.
                if i < count {
                    let n = UInt32(bytes[i]) << 16 | (i + 1 < count ? UInt32(bytes[i + 1]) << 8 : 0)
                    output[o] = table[Int(n >> 18 & 63)]
                    output[o + 1] = table[Int(n >> 12 & 63)]
                    if i + 1 < count { output[o + 2] = table[Int(n >> 6 & 63)] }
                }
            }
        }
    }

    /// Strict decoding: the length is a multiple of four, every byte is in the alphabet, `=`
    /// only pads the last quantum, and the bits the padding discards are zero (RFC 4648 §3.5), so
    /// each byte string has exactly one accepted encoding.
    public static func decode(_ text: String) throws(Base64Error) -> [UInt8] {
        try decode(Array(text.utf8))
    }

    public static func decode(_ input: [UInt8]) throws(Base64Error) -> [UInt8] {
        try input.withUnsafeBufferPointer { (buffer) throws(Base64Error) -> [UInt8] in
            try decode(buffer, canonical: true)
        }
    }

    /// What Go's `base64.StdEncoding.DecodeString` accepts, which is what kube-apiserver and
    /// client-go accept in JSON and kubeconfigs: as `decode`, but `\r` and `\n` anywhere are
    /// skipped and the discarded padding bits may be non-zero.
    public static func decodeLikeGo(_ text: String) throws(Base64Error) -> [UInt8] {
        let input = Array(text.utf8)
        guard input.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            return try input.withUnsafeBufferPointer { (buffer) throws(Base64Error) -> [UInt8] in
                try decode(buffer, canonical: false)
            }
        }
        // Offsets in errors refer to the input with line breaks, as Go's do.
        var positions: [Int] = []
        var compact: [UInt8] = []
        for (offset, byte) in input.enumerated() where byte != 0x0A && byte != 0x0D {
            compact.append(byte)
            positions.append(offset)
        }
        do {
            return try compact.withUnsafeBufferPointer { (buffer) throws(Base64Error) -> [UInt8] in
                try decode(buffer, canonical: false)
            }
        } catch {
            throw Base64Error(offset: error.offset < positions.count ? positions[error.offset] : input.count)
        }
    }

    private static func decode(_ input: UnsafeBufferPointer<UInt8>, canonical: Bool) throws(Base64Error) -> [UInt8] {
        let count = input.count
        guard count % 4 == 0 else { throw Base64Error(offset: count - count % 4) }
        guard count > 0 else { return [] }
        var out = [UInt8]()
        out.reserveCapacity(count / 4 * 3)
        return try values.withUnsafeBufferPointer { (table) throws(Base64Error) -> [UInt8] in
            var i = 0
            // Every quantum but the last has no padding.
            while i < count - 4 {
                let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                let c = table[Int(input[i + 2])], d = table[Int(input[i + 3])]
                if (a | b | c | d) & 0xC0 != 0 { throw Base64Error(offset: i + firstInvalid(a, b, c, d)) }
                let n = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                out.append(UInt8(truncatingIfNeeded: n >> 16))
                out.append(UInt8(truncatingIfNeeded: n >> 8))
                out.append(UInt8(truncatingIfNeeded: n))
                i += 4
            }
            let a = table[Int(input[i])], b = table[Int(input[i + 1])]
            let c = table[Int(input[i + 2])], d = table[Int(input[i + 3])]
            if a == 0xFF { throw Base64Error(offset: i) }
            if b == 0xFF { throw Base64Error(offset: i + 1) }
            let cPad = input[i + 2] == UInt8(ascii: "=")
            let dPad = input[i + 3] == UInt8(ascii: "=")
            if cPad {
                guard dPad else { throw Base64Error(offset: i + 3) }
                if canonical, b & 0x0F != 0 { throw Base64Error(offset: i + 1) }
                out.append(a << 2 | b >> 4)
            } else if dPad {
                if c == 0xFF { throw Base64Error(offset: i + 2) }
                if canonical, c & 0x03 != 0 { throw Base64Error(offset: i + 2) }
                out.append(a << 2 | b >> 4)
                out.append(b << 4 | c >> 2)
            } else {
                if c == 0xFF { throw Base64Error(offset: i + 2) }
                if d == 0xFF { throw Base64Error(offset: i + 3) }
                out.append(a << 2 | b >> 4)
                out.append(b << 4 | c >> 2)
                out.append(c << 6 | d)
            }
            return out
        }
    }

    private static func firstInvalid(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        if a == 0xFF { return 0 }
        if b == 0xFF { return 1 }
        return c == 0xFF ? 2 : 3
    }
}
