extension StaticString {
    /// Whether `count` bytes at `bytes` are this text's UTF-8 (of the same length). Compares
    /// whole words, the last one overlapping, so that a member name costs one or two compares:
    /// inlined with a literal, the length and the text's words are constants.
    @inlinable @inline(__always)
    public func isSpelled(by bytes: UnsafePointer<UInt8>) -> Bool {
        let length = utf8CodeUnitCount
        let a = UnsafeRawPointer(bytes)
        let b = UnsafeRawPointer(utf8Start)
        switch length {
        case 0:
            return true
        case 1...3:
            for i in 0..<length where bytes[i] != utf8Start[i] { return false }
            return true
        case 4...8:
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
        case 9...16:
            return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        default:
            var offset = 0
            while offset + 8 < length {
                guard a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
                offset += 8
            }
            return a.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        }
    }
}
