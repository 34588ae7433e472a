import COpenSSL

enum SHA256 {
    /// Lowercase hex SHA-256 of `text`'s UTF-8 bytes, via OpenSSL.
    static func hex(_ text: String) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let bytes = Array(text.utf8)
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1 && length == 32, "EVP_Digest(sha256) failed")
        let hexDigits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Bootstrap tokens of gardenlets (`pkg/utils/kubernetes/bootstraptoken`).
public enum BootstrapToken {
    /// `bootstrap-token-<id>` in `kube-system`, id = first 6 hex characters of sha256("<namespace>--<name>").
    public static func secretName(namespace: String, name: String) -> String {
        let value = namespace.isEmpty ? name : "\(namespace)--\(name)"
        return "bootstrap-token-" + String(SHA256.hex(value).prefix(6))
    }
}
