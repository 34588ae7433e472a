import Foundation
import Yams

/// What a kubeconfig says about reaching one cluster, resolved for its current context:
/// file references are read (relative to the kubeconfig's directory, as kubectl does) and
/// base64 data is decoded, so a broken kubeconfig fails here, at start, with its path in the message.
public struct Kubeconfig: Sendable {
    /// The `server` URL, split.
    public var server: ServerURL
    /// PEM bundle from `certificate-authority-data` or `certificate-authority`; nil → system roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// `insecure-skip-tls-verify: true`: no certificate verification at all.
    public var insecureSkipTLSVerify: Bool
    /// `tls-server-name`: the name sent as SNI and verified instead of the server's host.
    public var tlsServerName: String?
    /// PEM client certificate (chain) and key, from `client-certificate(-data)` / `client-key(-data)`.
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    /// How the bearer token is found: inline `token` or a `tokenFile` that is re-read as it rotates.
    public var token: BearerToken?
    /// The context's namespace, when it names one.
    public var namespace: String?

    public init(server: ServerURL, certificateAuthorityPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
                tlsServerName: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil,
                token: BearerToken? = nil, namespace: String? = nil) {
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.token = token
        self.namespace = namespace
    }

    /// Reads and resolves the kubeconfig file at `path`.
    public static func load(path: String) throws(KubeconfigError) -> Kubeconfig {
        let url = URL(fileURLWithPath: path)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw KubeconfigError(path: path, "cannot read the file: \(Self.reason(error))")
        }
        return try parse(text, path: path, directory: url.deletingLastPathComponent().path)
    }

    /// Resolves kubeconfig text; relative file names are taken relative to `directory`.
    public static func parse(_ text: String, path: String = "<kubeconfig>", directory: String) throws(KubeconfigError) -> Kubeconfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw KubeconfigError(path: path, "the file is empty") }
            root = node
        } catch let error as KubeconfigError {
            throw error
        } catch {
            throw KubeconfigError(path: path, "not valid YAML: \(error)")
        }
        guard root.mapping != nil else { throw KubeconfigError(path: path, "not a kubeconfig (the top level is not a mapping)") }
        let reader = Reader(path: path, directory: directory)

        guard let contextName = root["current-context"]?.string, !contextName.isEmpty else {
            throw KubeconfigError(path: path, "no current-context is set")
        }
        guard let context = reader.named(root, "contexts", contextName)?["context"] else {
            throw KubeconfigError(path: path, "context \"\(contextName)\" (the current-context) is not defined")
        }
        guard let clusterName = context["cluster"]?.string, !clusterName.isEmpty else {
            throw KubeconfigError(path: path, "context \"\(contextName)\" names no cluster")
        }
        guard let cluster = reader.named(root, "clusters", clusterName)?["cluster"] else {
            throw KubeconfigError(path: path, "cluster \"\(clusterName)\" of context \"\(contextName)\" is not defined")
        }
        guard let serverText = cluster["server"]?.string, !serverText.isEmpty else {
            throw KubeconfigError(path: path, "cluster \"\(clusterName)\" has no server")
        }
        let server: ServerURL
        do { server = try ServerURL(serverText) } catch {
            throw KubeconfigError(path: path, "cluster \"\(clusterName)\": \(error.message)")
        }

        var config = Kubeconfig(server: server)
        config.namespace = context["namespace"]?.string
        config.insecureSkipTLSVerify = cluster["insecure-skip-tls-verify"]?.bool ?? false
        config.tlsServerName = cluster["tls-server-name"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        config.certificateAuthorityPEM = try reader.bytes(cluster, data: "certificate-authority-data",
                                                          file: "certificate-authority", what: "cluster \"\(clusterName)\"")

        // A context without a user is legal (anonymous); a named user must exist.
        if let userName = context["user"]?.string, !userName.isEmpty {
            guard let user = reader.named(root, "users", userName)?["user"] else {
                throw KubeconfigError(path: path, "user \"\(userName)\" of context \"\(contextName)\" is not defined")
            }
            let what = "user \"\(userName)\""
            if user["exec"] != nil || user["auth-provider"] != nil {
                throw KubeconfigError(path: path, "\(what): exec and auth-provider credentials are not supported; use a client certificate or a token")
            }
            config.clientCertificatePEM = try reader.bytes(user, data: "client-certificate-data", file: "client-certificate", what: what)
            config.clientKeyPEM = try reader.bytes(user, data: "client-key-data", file: "client-key", what: what)
            if (config.clientCertificatePEM == nil) != (config.clientKeyPEM == nil) {
                throw KubeconfigError(path: path, "\(what): a client certificate needs both a certificate and a key")
            }
            if let token = user["token"]?.string, !token.isEmpty {
                config.token = .inline(token)
            } else if let file = user["tokenFile"]?.string, !file.isEmpty {
                let resolved = reader.resolve(file)
                do {
                    _ = try BearerToken.read(file: resolved)
                } catch {
                    throw KubeconfigError(path: path, "\(what): tokenFile \(resolved): \(error.message)")
                }
                config.token = .file(resolved)
            }
        }
        return config
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return String(cString: strerror(underlying.code.rawValue))
        }
        return "\(error.localizedDescription)"
    }

    /// Small lookups over the composed YAML tree.
    private struct Reader {
        var path: String
        var directory: String

        /// The entry of the named list (`contexts`, `clusters`, `users`) whose `name` is `name`.
        func named(_ root: Node, _ list: String, _ name: String) -> Node? {
            root[list]?.sequence?.first { $0["name"]?.string == name }
        }

        func resolve(_ file: String) -> String {
            file.hasPrefix("/") ? file : URL(fileURLWithPath: directory).appendingPathComponent(file).path
        }

        /// `<data>` (base64) wins over `<file>`, as in client-go.
        func bytes(_ node: Node, data: String, file: String, what: String) throws(KubeconfigError) -> [UInt8]? {
            if let encoded = node[data]?.string, !encoded.isEmpty {
                let compact = encoded.filter { !$0.isWhitespace }
                guard let decoded = Data(base64Encoded: compact) else {
                    throw KubeconfigError(path: path, "\(what): \(data) is not valid base64")
                }
                return [UInt8](decoded)
            }
            if let name = node[file]?.string, !name.isEmpty {
                let resolved = resolve(name)
                do {
                    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: resolved)))
                } catch {
                    throw KubeconfigError(path: path, "\(what): cannot read \(file) \(resolved): \(Kubeconfig.reason(error))")
                }
            }
            return nil
        }
    }
}

/// Why a kubeconfig cannot be used; the message names the file and the entry.
public struct KubeconfigError: Error, Sendable, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "kubeconfig \(path): \(message)" }
}
