import HTTPServer
import Testing

struct ListenAddressTests {
    @Test(arguments: [
        (":2721", "", 2721), ("127.0.0.1:0", "127.0.0.1", 0), ("[::1]:2722", "::1", 2722),
        ("localhost:80", "127.0.0.1", 80), ("0.0.0.0:1", "0.0.0.0", 1), ("[::]:5", "", 5),
    ])
    func parsesHostAndPort(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(Int(address.port) == port)
    }

    @Test(arguments: [
        ("2721", "expected host:port"), (":http", "port must be a number from 0 to 65535"),
        (":70000", "port must be a number from 0 to 65535"), ("::1:80", "an IPv6 address must be written in brackets"),
        ("example.com:80", "host must be a numeric address, localhost or empty"), ("[::1:80", "unclosed ["),
    ])
    func refusesWithAReason(text: String, reason: String) {
        do {
            _ = try ListenAddress(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason == reason)
            #expect(error.description == "invalid listen address \"\(text)\": \(reason)")
        }
    }
}
