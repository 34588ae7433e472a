/// Where the server's certificate comes from and what it asks of clients.
public struct TLSSettings: Sendable, Equatable {
    /// The lowest protocol version the server accepts.
    public enum MinimumVersion: String, Sendable, Equatable, CaseIterable {
        case tls12 = "1.2"
        case tls13 = "1.3"
    }

    /// PEM certificate chain, leaf first. Reloaded when the file changes.
    public var certFile: String
    /// PEM private key matching `certFile`. Reloaded with it.
    public var keyFile: String
    /// PEM CA bundle; when set, clients must present a certificate signed by it (mTLS), so that
    /// only kube-apiserver can call the webhooks. Empty: no client certificate is asked for.
    public var clientCAFile: String
    /// Default TLS 1.2; kube-apiserver negotiates 1.3.
    public var minVersion: MinimumVersion

    public init(certFile: String = "", keyFile: String = "", clientCAFile: String = "", minVersion: MinimumVersion = .tls12) {
        self.certFile = certFile
        self.keyFile = keyFile
        self.clientCAFile = clientCAFile
        self.minVersion = minVersion
    }
}
