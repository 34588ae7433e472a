import Dispatch
import HTTPServer
import Logging

// `seed-webhooks-bench server --port N --cert F --key F [--event-loops N]`: the real server stack
// (listeners, event loops, OpenSSL, llhttp, router, metrics) with one route, `POST /bench`,
// answering a fixed ~100-byte JSON body. bench/server measures it with wrk against nginx.
// Runs until SIGTERM/SIGINT.

/// About the size of a SubjectAccessReview answer.
let serverBenchAnswer: [UInt8] = Array(
    #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","status":{"allowed":true}}"#.utf8
) + [10]

func runServerBench(_ arguments: [String]) throws {
    var options: [String: String] = ["--port": "2731", "--cert": "certs/tls.crt", "--key": "certs/tls.key", "--event-loops": "0"]
    var index = 0
    while index + 1 < arguments.count {
        options[arguments[index]] = arguments[index + 1]
        index += 2
    }
    let route = Route(["POST"], "/bench", name: "bench") { _ in
        Response(status: 200, contentType: "application/json", body: serverBenchAnswer)
    }
    var logger = Logger(label: "bench-server")
    logger.logLevel = .error
    let server = try HTTPServer(
        configuration: ServerConfiguration(
            listen: "127.0.0.1:\(options["--port"] ?? "2731")", probeListen: "",
            tls: TLSSettings(certFile: options["--cert"] ?? "", keyFile: options["--key"] ?? ""),
            eventLoops: Int(options["--event-loops"] ?? "0") ?? 0, shutdownGracePeriod: .seconds(1)
        ),
        router: Router([route]), logger: logger
    )
    try server.start()
    let signals = SignalHandler(terminate: { _ in server.shutdown() }, hangup: {})
    print("bench server listening on 127.0.0.1:\(server.port)")
    server.waitUntilStopped()
    signals.cancel()
}
