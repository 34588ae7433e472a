import HTTPServer
import Testing

/// Hostile clients over real sockets: each test runs an attack against a server with small
/// limits, checks that a well-behaved client is answered while it runs, and that afterwards the
/// server holds no socket for the attackers and memory stayed bounded. The attacks live in
/// `HostileClientTests+*.swift`; they run one at a time so that their memory figures do not mix.
@Suite(.serialized)
struct HostileClientTests {
    /// A request line and header that never end (slowloris sends its header at this pace).
    static let openHeader = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
    static let timeoutBody = #"{"code":408,"message":"request timeout"}"# + "\n"
}
