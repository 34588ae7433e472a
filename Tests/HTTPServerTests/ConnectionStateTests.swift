@testable import HTTPServer
import Testing

/// The connection state machine with an injected clock: every timeout without sleeping.
struct ConnectionStateTests {
    static let second: UInt64 = 1_000_000_000
    static let timeouts = ConnectionState.Timeouts(ServerLimits(
        readHeaderTimeout: .seconds(10), readBodyTimeout: .seconds(30), writeTimeout: .seconds(20), idleTimeout: .seconds(120)
    ))

    @Test func handshakeThatNeverFinishesIsClosedAfterTheHeaderTimeout() {
        let state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: true)
        #expect(state.phase == .handshaking)
        #expect(state.timeoutAction(now: 10 * Self.second - 1) == .none)
        #expect(state.timeoutAction(now: 10 * Self.second) == .close)
    }

    @Test func newConnectionThatSendsNothingIsClosedWithoutAnswer() {
        var state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: true)
        state.handshakeCompleted(now: Self.second)
        #expect(state.phase == .idle)
        #expect(state.timeoutAction(now: 11 * Self.second) == .close)
    }

    @Test func slowHeaderGetsRequestTimeout() {
        var state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: false)
        state.bytesReceived(now: Self.second)
        #expect(state.phase == .readingHeader)
        #expect(state.timeoutAction(now: 10 * Self.second) == .none)
        #expect(state.timeoutAction(now: 11 * Self.second) == .requestTimeout)
    }

    @Test func bodyClockStartsWhenTheHeaderIsComplete() {
        var state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: false)
        state.bytesReceived(now: 0)
        state.headerCompleted(now: 5 * Self.second)
        #expect(state.phase == .readingBody)
        #expect(state.timeoutAction(now: 34 * Self.second) == .none)
        #expect(state.timeoutAction(now: 35 * Self.second) == .requestTimeout)
    }

    @Test func idleClockRunsBetweenKeepAliveRequests() {
        var state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: false)
        state.bytesReceived(now: 0)
        state.headerCompleted(now: 0)
        state.requestCompleted(now: Self.second)
        #expect(state.phase == .idle)
        #expect(state.isIdle)
        #expect(state.timeoutAction(now: 120 * Self.second) == .none)
        #expect(state.timeoutAction(now: 121 * Self.second) == .close)
        // The next request's first byte restarts the header clock.
        state.bytesReceived(now: 100 * Self.second)
        #expect(state.timeoutAction(now: 111 * Self.second) == .requestTimeout)
    }

    @Test func stuckWriteClosesWithoutAnswerAndTakesPrecedence() {
        var state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: false)
        state.bytesReceived(now: 0)
        state.headerCompleted(now: 0)
        state.requestCompleted(now: 0)
        state.writeBlocked(now: 0)
        #expect(!state.isIdle)
        #expect(state.deadline == 20 * Self.second)
        #expect(state.timeoutAction(now: 20 * Self.second) == .close)
        state.writeCompleted()
        #expect(state.deadline == 120 * Self.second)
    }

    @Test func blockedWriteKeepsItsFirstDeadline() {
        var state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: false)
        state.writeBlocked(now: 0)
        state.writeBlocked(now: 15 * Self.second)
        #expect(state.timeoutAction(now: 20 * Self.second) == .close)
    }

    @Test func lingeringEndsWithinASecond() {
        var state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: false)
        state.startLingering(now: 0)
        #expect(state.phase == .lingering)
        #expect(state.timeoutAction(now: Self.second) == .close)
    }

    @Test func closedConnectionHasNothingToDo() {
        var state = ConnectionState(timeouts: Self.timeouts, now: 0, tls: false)
        state.closed()
        #expect(state.timeoutAction(now: UInt64.max) == .none)
    }
}
