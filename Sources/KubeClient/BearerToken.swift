import Foundation

/// A bearer token, inline or from a file that a token rotator rewrites (projected service-account
/// tokens); the file is re-read at most once a minute, as client-go does.
public enum BearerToken: Sendable, Equatable {
    case inline(String)
    case file(String)

    static func read(file: String) throws(KubeClientError) -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw KubeClientError("cannot read token: \(Kubeconfig.reason(error))")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw KubeClientError("the token file is empty") }
        return token
    }
}
