import COpenSSL
import HTTPServer
import Testing

/// TLS behaviour: ALPN, protocol versions, client certificates, session resumption.
struct ServerTLSTests {
    @Test func alpnOfferingH2FirstSelectsHTTP11() throws {
        let server = try TestServer()
        let client = try server.client(alpn: ["h2", "http/1.1"])
        #expect(client.negotiatedALPN == "http/1.1")
        #expect(try client.request("GET", "/healthz").text == "ok")
    }

    @Test func alpnOfferingOnlyH2SelectsNothingAndHTTP11IsSpoken() throws {
        let server = try TestServer()
        let client = try server.client(alpn: ["h2"])
        #expect(client.negotiatedALPN == nil)
        #expect(try client.request("GET", "/healthz").text == "ok")
    }

    @Test func clientWithoutALPNIsServed() throws {
        let server = try TestServer()
        let client = try server.client(alpn: [])
        #expect(client.negotiatedALPN == nil)
        #expect(try client.request("GET", "/healthz").text == "ok")
    }

    @Test func tls13IsNegotiatedByDefault() throws {
        let server = try TestServer()
        #expect(try server.client().protocolVersion == "TLSv1.3")
    }

    @Test func tls12ClientIsServedWhenTheMinimumIs12() throws {
        let server = try TestServer(minVersion: .tls12)
        let client = try TLSTestClient(port: server.port, caFile: server.certificates.caFile, maxVersion: TLS1_2_VERSION)
        #expect(client.protocolVersion == "TLSv1.2")
        #expect(try client.request("GET", "/healthz").text == "ok")
    }

    @Test func tls12ClientIsRefusedWhenTheMinimumIs13() throws {
        let server = try TestServer(minVersion: .tls13)
        #expect(throws: TLSTestClient.Failure.self) {
            _ = try TLSTestClient(port: server.port, caFile: server.certificates.caFile, maxVersion: TLS1_2_VERSION)
        }
    }

    @Test func clientCertificateIsRequiredWhenAClientCAIsSet() throws {
        let server = try TestServer(requireClientCertificate: true)
        let authenticated = try server.client(clientCertificate: true)
        #expect(try authenticated.request("GET", "/healthz").text == "ok")
        // In TLS 1.3 the server checks the client certificate after the client's handshake has
        // finished, so the refusal shows on the first read.
        var refused = false
        do {
            let anonymous = try server.client(clientCertificate: false)
            try anonymous.sendRequest("GET", "/healthz")
            refused = try anonymous.isClosedByServer()
        } catch {
            refused = true
        }
        #expect(refused)
    }

    @Test func sessionIsResumedOnANewConnection() throws {
        let server = try TestServer(eventLoops: 1)
        let first = try server.client()
        // TLS 1.3 tickets arrive after the handshake, with the first answer.
        #expect(try first.request("GET", "/healthz").text == "ok")
        let session = try #require(first.session)
        let second = try server.client(session: session)
        #expect(second.sessionReused)
        #expect(try second.request("GET", "/healthz").text == "ok")
        let metrics = String(decoding: server.metrics.emitToBuffer(), as: UTF8.self)
        #expect(metrics.contains("seed_webhooks_tls_handshakes_total{result=\"resumed\"} 1"))
    }

    @Test func failedHandshakeIsCountedAndTheServerKeepsServing() throws {
        let server = try TestServer(requireClientCertificate: true, eventLoops: 1)
        let other = try TestCertificates.generate(commonName: "stranger")
        // A client certificate from another CA fails verification.
        _ = try? TLSTestClient(
            port: server.port, caFile: server.certificates.caFile,
            clientCertFile: other.clientCertFile, clientKeyFile: other.clientKeyFile
        ).request("GET", "/healthz")
        #expect(try server.client(clientCertificate: true).request("GET", "/healthz").text == "ok")
        try waitUntil {
            String(decoding: server.metrics.emitToBuffer(), as: UTF8.self)
                .contains("seed_webhooks_tls_handshakes_total{result=\"failed\"} 1")
        }
    }
}
