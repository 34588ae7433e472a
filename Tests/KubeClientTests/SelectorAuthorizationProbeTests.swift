import KubeClient
import KubeClientTesting
import Testing

struct SelectorAuthorizationProbeTests {
    private func probe(gitVersion: String, gate: Bool) throws -> (TestAPIServer, SelectorAuthorizationProbe) {
        var options = TestEnvironment.serverOptions()
        options.gitVersion = gitVersion
        options.authorizeWithSelectors = gate
        let server = try TestAPIServer(options)
        return (server, SelectorAuthorizationProbe(client: try TestEnvironment.client(port: server.port)))
    }

    @Test func isPossibleWithoutAProbeFromKubernetes134() throws {
        let (server, probe) = try probe(gitVersion: "v1.34.0", gate: false)
        defer { server.stop(); probe.stop() }
        probe.start()
        #expect(try probe.isPossible())
        #expect(try probe.check() == (possible: true, checkAgain: false))
        #expect(server.statistics.selectorProbes == 0)
    }

    @Test func isPossibleBefore134WhenTheDryRunReviewKeepsTheLabelSelector() throws {
        let (server, probe) = try probe(gitVersion: "v1.33.4", gate: true)
        defer { server.stop(); probe.stop() }
        probe.start()
        #expect(try probe.isPossible())
        #expect(server.statistics.selectorProbes == 1)
    }

    @Test func isNotPossibleBefore134WhenTheDryRunReviewDropsTheLabelSelector() throws {
        let (server, probe) = try probe(gitVersion: "v1.32.1", gate: false)
        defer { server.stop(); probe.stop() }
        probe.start()
        #expect(try probe.isPossible() == false)
        #expect(try probe.check() == (possible: false, checkAgain: true))
    }

    @Test func throwsTheCheckErrorWhileTheGardenCannotBeReached() throws {
        let (server, probe) = try probe(gitVersion: "v1.33.0", gate: true)
        let port = server.port
        server.stop()
        defer { probe.stop() }
        probe.start()
        #expect(throws: KubeClientError("failed checking whether 'AuthorizeWithSelectors' feature is enabled: cannot connect to https://127.0.0.1:\(port): Connection refused")) {
            try probe.isPossible()
        }
    }

    @Test func readsTheRuntimeVersionForTrafficDistribution() throws {
        var options = TestEnvironment.serverOptions()
        options.gitVersion = "v1.31.7"
        let server = try TestAPIServer(options)
        defer { server.stop() }
        let source = ServerVersionSource(client: try TestEnvironment.client(port: server.port))
        defer { source.stop() }
        #expect(throws: KubeClientError("not read yet")) { try source.current() }
        try source.start()
        #expect(try source.current() == ServerVersion(major: 1, minor: 31, patch: 7, gitVersion: "v1.31.7"))
    }
}
