import Foundation
import Testing

/// What an attack may leave behind, measured around it: after the attack's clients are gone and
/// the server has reaped their connections, the server holds no socket for them and the process
/// has not grown by more than a generous bound (the server runs in this process, beside other
/// tests, so memory is checked against a bound far below what an unbounded buffer would take).
struct AttackBaseline {
    let residentBytes = ProcessResources.residentBytes()

    /// Prints a figure of the attack when SEED_WEBHOOKS_HOSTILE_FIGURES is set (docs/reliability.md
    /// quotes them); silent otherwise.
    static func note(_ text: @autoclosure () -> String) {
        if ProcessInfo.processInfo.environment["SEED_WEBHOOKS_HOSTILE_FIGURES"] != nil { print("hostile figure: \(text())") }
    }

    /// Memory bounds are multiplied by SEED_WEBHOOKS_MEMORY_SLACK (make leakcheck sets it: ASan
    /// inflates every allocation).
    static let slack: Int = ProcessInfo.processInfo.environment["SEED_WEBHOOKS_MEMORY_SLACK"].flatMap { Int($0) } ?? 1

    /// Growth of resident memory since the baseline, in bytes.
    var growth: Int { ProcessResources.residentBytes() - residentBytes }

    /// Expects memory growth within `bound` now (call it while the attack is at its height).
    func expectMemoryBounded(_ bound: Int = 256 << 20, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let grown = growth
        Self.note("\(what): resident memory grew by \(grown >> 10) KiB")
        #expect(grown < bound * Self.slack, "\(what): resident memory grew by \(grown >> 20) MiB", sourceLocation: sourceLocation)
    }

    /// Waits until the server has closed every connection (its side of the sockets included),
    /// then expects memory within `bound`.
    func expectReclaimed(_ server: TestServer, memoryBound bound: Int = 256 << 20, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let reaped = eventually(within: .seconds(10)) { server.server.openConnections == 0 && server.serverSideSockets == 0 }
        #expect(reaped, "\(what): \(server.server.openConnections) connections and \(server.serverSideSockets) server sockets left", sourceLocation: sourceLocation)
        expectMemoryBounded(bound, what, sourceLocation: sourceLocation)
    }
}
