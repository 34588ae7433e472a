@testable import HTTPServer
import Testing

struct ServerLimitsTests {
    @Test func defaultsAreTheDocumentedValues() {
        let limits = ServerLimits()
        #expect(limits.maxHeaderBytes == 1_048_576)
        #expect(limits.maxBodyBytes == 7_340_032)
        #expect(limits.readHeaderTimeout == .seconds(10))
        #expect(limits.readBodyTimeout == .seconds(30))
        #expect(limits.writeTimeout == .seconds(30))
        #expect(limits.idleTimeout == .seconds(120))
        #expect(limits.maxConnections == 10_000)
    }

    @Test func zeroOrNegativeFallsBackToTheDefault() {
        let limits = ServerLimits(maxHeaderBytes: 0, maxBodyBytes: -1, readHeaderTimeout: .zero, idleTimeout: .seconds(-3), maxConnections: 0)
        #expect(limits.effectiveMaxHeaderBytes == ServerLimits.defaultMaxHeaderBytes)
        #expect(limits.effectiveMaxBodyBytes == ServerLimits.defaultMaxBodyBytes)
        #expect(limits.effectiveMaxConnections == ServerLimits.defaultMaxConnections)
        #expect(limits.readHeaderTimeoutNanos == 10_000_000_000)
        #expect(limits.idleTimeoutNanos == 120_000_000_000)
    }

    @Test func handshakeTimeoutIsTheSmallerOfHeaderAndIdle() {
        let limits = ServerLimits(readHeaderTimeout: .seconds(10), idleTimeout: .seconds(3))
        #expect(limits.handshakeTimeoutNanos == 3_000_000_000)
    }

    @Test func timerTickIsAQuarterOfTheShortestTimeoutWithinBounds() {
        #expect(ServerLimits().timerTickNanos == 1_000_000_000)
        #expect(ServerLimits(readHeaderTimeout: .milliseconds(200)).timerTickNanos == 50_000_000)
        #expect(ServerLimits(readHeaderTimeout: .milliseconds(1)).timerTickNanos == 5_000_000)
    }
}
