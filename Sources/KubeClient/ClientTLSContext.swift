import COpenSSL
import CSystemShim

/// The OpenSSL client context for one kubeconfig: trust (the kubeconfig's CA, else the system
/// roots, or nothing with `insecure-skip-tls-verify`), the client certificate, TLS ≥ 1.2 and
/// ALPN `http/1.1`. Problems with the material (no certificate in the CA file, a key that does
/// not match the certificate) are errors here, at start.
///
/// `@unchecked Sendable`: the SSL_CTX is fully configured in `init` and afterwards only passed
/// to `SSL_new`, which OpenSSL allows from any thread.
final class ClientTLSContext: @unchecked Sendable {
    let context: OpaquePointer
    let verifyPeer: Bool

    init(_ config: Kubeconfig) throws(KubeClientError) {
        guard let ctx = SSL_CTX_new(TLS_client_method()) else {
            throw KubeClientError("cannot create a TLS context: \(Self.openSSLError())")
        }
        context = ctx
        verifyPeer = !config.insecureSkipTLSVerify
        _ = shim_SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION)
        _ = shim_SSL_CTX_set_mode(ctx, Int(SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_ENABLE_PARTIAL_WRITE))
        let alpn: [UInt8] = [8] + Array("http/1.1".utf8)
        _ = alpn.withUnsafeBufferPointer { SSL_CTX_set_alpn_protos(ctx, $0.baseAddress, UInt32($0.count)) }

        if verifyPeer {
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
            if let pem = config.certificateAuthorityPEM {
                let certificates = try Self.certificates(pem, what: "certificate-authority")
                let store = SSL_CTX_get_cert_store(ctx)
                for certificate in certificates {
                    X509_STORE_add_cert(store, certificate)
                    X509_free(certificate)
                }
            } else if SSL_CTX_set_default_verify_paths(ctx) != 1 {
                throw KubeClientError("cannot load the system's trusted certificates: \(Self.openSSLError())")
            }
        } else {
            SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nil)
        }

        if let certificatePEM = config.clientCertificatePEM, let keyPEM = config.clientKeyPEM {
            let chain = try Self.certificates(certificatePEM, what: "client-certificate")
            let leaf = chain[0]
            guard SSL_CTX_use_certificate(ctx, leaf) == 1 else {
                chain.forEach { X509_free($0) }
                throw KubeClientError("client-certificate cannot be used: \(Self.openSSLError())")
            }
            X509_free(leaf)
            // Ownership of intermediates passes to the context.
            for intermediate in chain.dropFirst() {
                SSL_CTX_ctrl(ctx, SSL_CTRL_EXTRA_CHAIN_CERT, 0, UnsafeMutableRawPointer(intermediate))
            }
            guard let key = Self.privateKey(keyPEM) else {
                throw KubeClientError("client-key holds no PEM private key: \(Self.openSSLError())")
            }
            defer { EVP_PKEY_free(key) }
            guard SSL_CTX_use_PrivateKey(ctx, key) == 1, SSL_CTX_check_private_key(ctx) == 1 else {
                throw KubeClientError("client-key does not match client-certificate: \(Self.openSSLError())")
            }
        }
    }

    deinit { SSL_CTX_free(context) }

    /// All PEM certificates in `pem`, at least one.
    static func certificates(_ pem: [UInt8], what: String) throws(KubeClientError) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return }
            defer { BIO_free(bio) }
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                result.append(certificate)
            }
        }
        ERR_clear_error()  // the loop ends on a "no start line" error
        guard !result.isEmpty else { throw KubeClientError("\(what) holds no PEM certificate") }
        return result
    }

    private static func privateKey(_ pem: [UInt8]) -> OpaquePointer? {
        pem.withUnsafeBytes { raw -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
    }

    /// The oldest queued OpenSSL error as text, and the queue cleared.
    static func openSSLError() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        if code == 0 { return "unknown error" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // "error:0A000086:SSL routines::certificate verify failed" → the reason after the last colon.
        if let reason = text.split(separator: ":").last, !reason.isEmpty { return String(reason) }
        return text
    }
}
