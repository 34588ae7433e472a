import COpenSSL

/// The parts of a PKCS#10 certificate request that decide whether a CSR is a seed (or shoot)
/// client certificate (`pkg/utils/gardener/csr.go`), decoded with OpenSSL.
struct CertificateRequest: Sendable, Equatable {
    var commonName: String
    var organizations: [String]
    var dnsNames = 0
    var emailAddresses = 0
    var ipAddresses = 0

    /// Decodes the PEM in `spec.request` as Go's `DecodeCertificateRequest` does: the first PEM
    /// block must be of type `CERTIFICATE REQUEST`. Nil when it does not decode.
    init?(pem: [UInt8]) {
        guard !pem.isEmpty else { return nil }
        let parsed: CertificateRequest? = pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            var name: UnsafeMutablePointer<CChar>?
            var header: UnsafeMutablePointer<CChar>?
            var data: UnsafeMutablePointer<UInt8>?
            var length = 0
            guard PEM_read_bio(bio, &name, &header, &data, &length) == 1 else {
                ERR_clear_error()
                return nil
            }
            defer {
                CRYPTO_free(name, #file, #line)
                CRYPTO_free(header, #file, #line)
                CRYPTO_free(data, #file, #line)
            }
            guard let name, String(cString: name) == "CERTIFICATE REQUEST", let data else { return nil }
            var cursor: UnsafePointer<UInt8>? = UnsafePointer(data)
            guard let request = d2i_X509_REQ(nil, &cursor, length) else {
                ERR_clear_error()
                return nil
            }
            defer { X509_REQ_free(request) }
            return CertificateRequest(request)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    private init?(_ request: OpaquePointer) {
        commonName = ""
        organizations = []
        guard let subject = X509_REQ_get_subject_name(request) else { return nil }
        for index in 0..<X509_NAME_entry_count(subject) {
            guard let entry = X509_NAME_get_entry(subject, index),
                  let value = Self.utf8(X509_NAME_ENTRY_get_data(entry)) else { continue }
            switch OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry)) {
            case NID_commonName: commonName = value  // Go keeps the last CN
            case NID_organizationName: organizations.append(value)
            default: break
            }
        }
        if let extensions = X509_REQ_get_extensions(request) {
            defer { OPENSSL_sk_pop_free(extensions, { X509_EXTENSION_free(OpaquePointer($0)) }) }
            if let names = X509V3_get_d2i(extensions, NID_subject_alt_name, nil, nil) {
                let stack = OpaquePointer(names)
                defer { GENERAL_NAMES_free(stack) }
                for index in 0..<OPENSSL_sk_num(stack) {
                    guard let element = OPENSSL_sk_value(stack, index) else { continue }
                    switch element.assumingMemoryBound(to: GENERAL_NAME.self).pointee.type {
                    case GEN_DNS: dnsNames += 1
                    case GEN_EMAIL: emailAddresses += 1
                    case GEN_IPADD: ipAddresses += 1
                    default: break
                    }
                }
            }
        }
    }

    private static func utf8(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> String? {
        guard let string else { return nil }
        var out: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&out, string)
        guard length >= 0, let out else { return nil }
        defer { CRYPTO_free(out, #file, #line) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }

    private static let requiredUsages: Set<String> = ["key encipherment", "digital signature", "client auth"]

    private func requirementsMet(usages: [String]) -> Bool {
        dnsNames == 0 && emailAddresses == 0 && ipAddresses == 0 && Set(usages) == Self.requiredUsages
    }

    /// The seed name when this is a seed client certificate request with these usages
    /// (`IsSeedClientCert`): organization exactly [gardener.cloud:system:seeds], CN with the seed
    /// user prefix, no DNS/email/IP SANs, usages exactly {key encipherment, digital signature, client auth}.
    func seedName(usages: [String]) -> String? {
        let prefix = "gardener.cloud:system:seed:"
        guard organizations == ["gardener.cloud:system:seeds"], commonName.hasPrefix(prefix),
              requirementsMet(usages: usages) else { return nil }
        let name = String(commonName.dropFirst(prefix.count))
        return name.isEmpty ? nil : name
    }

    /// The shoot when this is a self-hosted shoot client certificate request (`IsShootClientCert`):
    /// organization [gardener.cloud:system:shoots], CN `gardener.cloud:system:shoot:<namespace>:<name>`.
    func shoot(usages: [String]) -> ObjectReference? {
        let prefix = "gardener.cloud:system:shoot:"
        guard organizations == ["gardener.cloud:system:shoots"], commonName.hasPrefix(prefix) else { return nil }
        let parts = commonName.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, requirementsMet(usages: usages) else { return nil }
        return ObjectReference(String(parts[0]), String(parts[1]))
    }
}
