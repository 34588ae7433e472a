#if canImport(Glibc)
import Glibc
#endif
import COpenSSL
import Foundation
import HTTPServer
import Synchronization
import Testing

/// A storm of new connections that each cost the server a full handshake and the attacker
/// almost nothing: a ClientHello made once and replayed on every connection.
extension HostileClientTests {
    /// A real TLS 1.3 ClientHello (key share included), made once through memory BIOs.
    static let cannedClientHello: [UInt8] = {
        guard let context = SSL_CTX_new(TLS_client_method()), let ssl = SSL_new(context) else { return [] }
        defer {
            SSL_free(ssl)
            SSL_CTX_free(context)
        }
        guard let input = BIO_new(BIO_s_mem()), let output = BIO_new(BIO_s_mem()) else { return [] }
        SSL_set_bio(ssl, input, output)
        _ = SSL_connect(ssl)
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = bytes.withUnsafeMutableBytes { BIO_read(output, $0.baseAddress, Int32($0.count)) }
        return n > 0 ? Array(bytes[0..<Int(n)]) : []
    }()

    /// One thread opens connections as fast as it can, sends the canned ClientHello on each and
    /// resets it; every one costs the server a key exchange and a signature. On a single loop, a
    /// keep-alive client is still answered every time: the loop accepts a bounded number of
    /// connections per turn.
    @Test func acceptStormDoesNotStarveEstablishedConnections() throws {
        try #require(!Self.cannedClientHello.isEmpty)
        let server = try TestServer(routes: HostileRoutes().routes, eventLoops: 1)
        let keepAlive = try TLSTestClient(port: server.port, caFile: server.certificates.caFile, timeoutMillis: 1000)
        #expect(try keepAlive.request("GET", "/healthz").text == "ok")
        let storming = Mutex(true)
        let opened = Atomic<Int>(0)
        let port = server.port
        let hello = Self.cannedClientHello
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            while storming.withLock({ $0 }) {
                guard let client = try? RawTCPClient(port: port) else { continue }
                client.send(hello)
                client.closeWithReset()
                opened.add(1, ordering: .relaxed)
            }
        }
        #expect(eventually { opened.load(ordering: .relaxed) >= 500 })
        var answered = 0
        for _ in 0..<20 {
            if (try? keepAlive.request("GET", "/healthz"))?.text == "ok" { answered += 1 }
        }
        storming.withLock { $0 = false }
        group.wait()
        AttackBaseline.note("accept storm: \(opened.load(ordering: .relaxed)) connections opened")
        #expect(answered == 20)
        #expect(server.healthzAnswered())
    }
}
