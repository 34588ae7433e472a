#if canImport(Glibc)
import Glibc
#endif
import COpenSSL
import CSystemShim

/// One configured OpenSSL `SSL_CTX`: certificate and key, protocol versions, ALPN, session cache,
/// optional client-certificate verification. Immutable once built; a reload builds a new one and
/// connections keep a reference to the context they were accepted with, so a reload never
/// disturbs an open connection.
///
/// `@unchecked Sendable`: the `SSL_CTX` is fully configured in `init` and afterwards only used to
/// create `SSL` objects (`SSL_new`), which OpenSSL documents as safe from several threads.
public final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The leaf certificate's notAfter, seconds since the epoch (or -1 if unreadable).
    public let notAfter: Int64

    /// Builds a server context from PEM files. Throws a `TLSError` naming the file and reason.
    public init(settings: TLSSettings) throws(TLSError) {
        for (what, path) in [("certificate file", settings.certFile), ("key file", settings.keyFile), ("client CA file", settings.clientCAFile)] {
            if what == "client CA file" && path.isEmpty { continue }
            if path.isEmpty { throw TLSError("\(what) is not set") }
            if access(path, R_OK) != 0 { throw TLSError("\(what) \(path): \(errnoText())") }
        }
        guard let ctx = SSL_CTX_new(TLS_server_method()) else { throw TLSError("SSL_CTX_new failed: \(openSSLError())") }
        do {
            notAfter = try Self.configure(ctx, settings)
        } catch {
            // Not yet owned by `self` (deinit does not run for a failed init): free it here, or
            // every failed reload of a broken certificate would leak a context.
            SSL_CTX_free(ctx)
            throw error
        }
        pointer = ctx
    }

    /// Sets up `ctx` from `settings`; returns the leaf certificate's notAfter.
    private static func configure(_ ctx: OpaquePointer, _ settings: TLSSettings) throws(TLSError) -> Int64 {
        _ = shim_SSL_CTX_set_min_proto_version(ctx, settings.minVersion == .tls13 ? TLS1_3_VERSION : TLS1_2_VERSION)
        _ = shim_SSL_CTX_set_options(ctx, shim_server_options())
        // TLS 1.2 suites: forward secrecy (ECDHE) and AEAD only. OpenSSL's default list also
        // accepts CBC with SHA-1/SHA-2 and static-RSA key exchange. TLS 1.3 suites are all
        // ECDHE + AEAD already. Go clients (kube-apiserver) offer every suite listed here.
        guard SSL_CTX_set_cipher_list(ctx, TLSContext.tls12CipherSuites) == 1,
              shim_SSL_CTX_set1_groups_list(ctx, TLSContext.groups) == 1 else {
            throw TLSError("cannot set the cipher suites: \(openSSLError())")
        }
        // Partial writes let a large response go out as the socket accepts it; the buffer may move
        // because the connection's write buffer is a growable array.
        _ = shim_SSL_CTX_set_mode(ctx, Int(SSL_MODE_ENABLE_PARTIAL_WRITE) | Int(SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER))
        // Read whole socket contents into OpenSSL's buffer: one read(2) for several records.
        shim_SSL_CTX_set_read_ahead(ctx, 1)
        // Resumption: a server-side session cache for TLS 1.2 session ids, tickets for both versions.
        _ = shim_SSL_CTX_set_session_cache_mode(ctx, Int(SSL_SESS_CACHE_SERVER))
        _ = shim_SSL_CTX_sess_set_cache_size(ctx, 20_000)
        let sessionContext: [UInt8] = Array("seed-webhooks".utf8)
        _ = sessionContext.withUnsafeBufferPointer { SSL_CTX_set_session_id_context(ctx, $0.baseAddress, UInt32($0.count)) }
        // One TLS 1.3 ticket per handshake is enough for a client that keeps its connection.
        _ = SSL_CTX_set_num_tickets(ctx, 1)
        shim_SSL_CTX_select_http11(ctx)

        guard SSL_CTX_use_certificate_chain_file(ctx, settings.certFile) == 1 else {
            throw TLSError("certificate file \(settings.certFile): \(openSSLError())")
        }
        guard SSL_CTX_use_PrivateKey_file(ctx, settings.keyFile, SSL_FILETYPE_PEM) == 1 else {
            throw TLSError("key file \(settings.keyFile): \(openSSLError())")
        }
        guard SSL_CTX_check_private_key(ctx) == 1 else {
            throw TLSError("key file \(settings.keyFile) does not match certificate \(settings.certFile): \(openSSLError())")
        }
        let notAfter = SSL_CTX_get0_certificate(ctx).map { shim_X509_not_after_epoch($0) } ?? -1
        if !settings.clientCAFile.isEmpty {
            guard SSL_CTX_load_verify_locations(ctx, settings.clientCAFile, nil) == 1,
                  let names = SSL_load_client_CA_file(settings.clientCAFile) else {
                throw TLSError("client CA file \(settings.clientCAFile): \(openSSLError())")
            }
            SSL_CTX_set_client_CA_list(ctx, names)
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        }
        return notAfter
    }

    deinit { SSL_CTX_free(pointer) }

    /// Mozilla's "intermediate" TLS 1.2 list without finite-field DHE (Go clients never offer it).
    static let tls12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")
    /// Key-exchange groups, Go's defaults: no finite-field groups, whose handshakes are slow.
    static let groups = "X25519:P-256:P-384"

    /// A new server-side `SSL` for an accepted socket, or nil if OpenSSL is out of memory.
    func makeSSL(fd: Int32) -> OpaquePointer? {
        guard let ssl = SSL_new(pointer) else { return nil }
        guard SSL_set_fd(ssl, fd) == 1 else {
            SSL_free(ssl)
            return nil
        }
        SSL_set_accept_state(ssl)
        return ssl
    }
}

/// The first queued OpenSSL error as text (and clears the queue).
func openSSLError() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    buffer.withUnsafeMutableBufferPointer { shim_ssl_error_string($0.baseAddress, $0.count) }
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return text.isEmpty ? "unknown OpenSSL error" : text
}
