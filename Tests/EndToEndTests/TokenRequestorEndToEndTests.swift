import Foundation
import HTTPServer
import JSON
import Testing
import Webhooks

/// The TokenRequestor webhooks behind the real TLS server, with a CA file that rotates.
struct TokenRequestorEndToEndTests {
    /// A CA file in its own directory (removed on release) and the webhooks reading it.
    final class Setup {
        let directory: String
        let caFile: String
        let webhooks: TokenRequestorWebhooks
        let server: TestServer

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-webhooks-ca-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            caFile = directory + "/ca.crt"
            try FileManager.default.copyItem(atPath: TestCertificates.standard.caFile, toPath: caFile)
            webhooks = try TokenRequestorWebhooks(tokenRequestorClass: "shoot", caBundleFile: caFile)
            server = try TestServer(routes: admissionRoutes(webhooks.all))
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// Replaces the CA file the way a Secret volume update does: a new file renamed into place.
        func rotate(to source: String) throws {
            let staging = directory + "/.ca.crt.new"
            try FileManager.default.copyItem(atPath: source, toPath: staging)
            guard rename(staging, caFile) == 0 else { throw ScriptFailed(description: "rename failed") }
        }
    }

    /// An AdmissionReview for a token-requestor secret of class `shoot`, shaped like kube-apiserver's.
    static func review(annotation: String, data: [String: String]) -> [UInt8] {
        let encoded = data.keys.sorted().map { #""\#($0)":"\#(Data((data[$0] ?? "").utf8).base64EncodedString())""# }.joined(separator: ",")
        return Array(#"""
        {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"1f0e7c52-3b1a-4f0e-9d7e-6a2b9c4d8e10","kind":{"group":"","version":"v1","kind":"Secret"},"resource":{"group":"","version":"v1","resource":"secrets"},"requestKind":{"group":"","version":"v1","kind":"Secret"},"requestResource":{"group":"","version":"v1","resource":"secrets"},"name":"shoot-access-gardener","namespace":"shoot--local--local","operation":"CREATE","userInfo":{"username":"system:serviceaccount:garden:gardener-resource-manager","groups":["system:serviceaccounts","system:authenticated"]},"object":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"shoot-access-gardener","namespace":"shoot--local--local","labels":{"resources.gardener.cloud/class":"shoot","resources.gardener.cloud/purpose":"token-requestor"},"annotations":{"serviceaccount.resources.gardener.cloud/inject-ca-bundle":"\#(annotation)","serviceaccount.resources.gardener.cloud/name":"gardener"}},"data":{\#(encoded)},"type":"Opaque"},"oldObject":null,"dryRun":false,"options":{"kind":"CreateOptions","apiVersion":"meta.k8s.io/v1","fieldManager":"gardener-resource-manager"}}}

        """#.utf8)
    }

    private func post(_ setup: Setup, _ client: TLSTestClient, _ path: String, _ body: [UInt8]) throws -> TLSTestClient.Response {
        try client.request("POST", path + "?timeout=10s", headers: kubeAPIServerAdmissionHeaders, body: body)
    }

    @Test func bundleCrtIsInjectedAndTheResultIsStable() throws {
        let setup = try Setup()
        let client = try setup.server.client()
        let body = Self.review(annotation: "true", data: ["token": "abc"])
        let first = try post(setup, client, "/webhooks/mutate/token-requestor", body)
        #expect(first.status == 200)
        let mutated = try admittedObject(request: body, answer: first.body)
        let ca = try String(contentsOfFile: setup.caFile, encoding: .utf8)
        #expect(mutated["data"]?["bundle.crt"] == .string(Data(ca.utf8).base64EncodedString()))

        let again = try reviewReplacingObject(body, with: mutated)
        #expect(try JSONParser.parse(try post(setup, client, "/webhooks/mutate/token-requestor", again).body)[path: "response", "patch"] == nil)
        #expect(try JSONParser.parse(try post(setup, client, "/webhooks/validate/token-requestor", again).body)[path: "response", "allowed"] == .bool(true))
    }

    @Test func kubeconfigOfTheCurrentContextGetsTheCA() throws {
        let setup = try Setup()
        let kubeconfig = """
            apiVersion: v1
            kind: Config
            current-context: shoot
            clusters:
            - name: shoot
              cluster:
                server: https://api.shoot.example
            contexts:
            - name: shoot
              context:
                cluster: shoot
                user: gardener
            users:
            - name: gardener
              user: {}

            """
        let body = Self.review(annotation: "1", data: ["kubeconfig": kubeconfig])
        let response = try post(setup, try setup.server.client(), "/webhooks/mutate/token-requestor", body)
        let mutated = try admittedObject(request: body, answer: response.body)
        let yaml = try #require(mutated["data"]?["kubeconfig"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        let ca = try String(contentsOfFile: setup.caFile, encoding: .utf8)
        #expect(String(decoding: yaml, as: UTF8.self) == kubeconfig.replacingOccurrences(
            of: "    server: https://api.shoot.example\n",
            with: "    server: https://api.shoot.example\n    certificate-authority-data: \(Data(ca.utf8).base64EncodedString())\n"))
    }

    @Test(.timeLimit(.minutes(1))) func rotatedCAFileIsInjectedIntoTheNextRequest() async throws {
        let setup = try Setup()
        let (checks, continuation) = AsyncStream.makeStream(of: CABundleFile.ReloadResult.self)
        let watcher = setup.webhooks.caBundle.watch(pollInterval: .seconds(3600)) { continuation.yield($0) }
        defer { watcher.cancel() }
        let rotated = try TestCertificates.generate(commonName: "rotated")
        try setup.rotate(to: rotated.caFile)
        for await check in checks where check != .unchanged {
            #expect(check == .reloaded(certificates: 1))
            break
        }
        let body = Self.review(annotation: "true", data: [:])
        let response = try post(setup, try setup.server.client(), "/webhooks/mutate/token-requestor", body)
        let ca = try String(contentsOfFile: rotated.caFile, encoding: .utf8)
        #expect(try admittedObject(request: body, answer: response.body)["data"]?["bundle.crt"] == .string(Data(ca.utf8).base64EncodedString()))
    }

    @Test func invalidAnnotationIsDeniedOverTheWire() throws {
        let setup = try Setup()
        let response = try post(setup, try setup.server.client(), "/webhooks/validate/token-requestor", Self.review(annotation: "enabled", data: [:]))
        #expect(response.status == 200)
        #expect(response.text == #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"1f0e7c52-3b1a-4f0e-9d7e-6a2b9c4d8e10","allowed":false,"status":{"code":403,"message":"metadata.annotations[serviceaccount.resources.gardener.cloud/inject-ca-bundle]: Invalid value: \"enabled\": must be a boolean (one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False)"}}}"# + "\n")
    }

    @Test func missingClusterIsDeniedWithGardenersMessageOverTheWire() throws {
        let setup = try Setup()
        let kubeconfig = "current-context: a\ncontexts:\n- name: a\n  context:\n    cluster: nowhere\n    user: u\nusers:\n- name: u\n  user: {}\n"
        let response = try post(setup, try setup.server.client(), "/webhooks/mutate/token-requestor", Self.review(annotation: "true", data: ["kubeconfig": kubeconfig]))
        #expect(try JSONParser.parse(response.body)[path: "response", "status", "message"]
            == .string("data[kubeconfig]: Invalid value: did not find cluster of current context named nowhere"))
    }

    @Test func undecodableReviewGetsHTTP400() throws {
        let setup = try Setup()
        let response = try setup.server.client().request("POST", "/webhooks/mutate/token-requestor",
                                                         headers: [("Content-Type", "application/json")], body: Array("{".utf8))
        #expect(response.status == 400)
    }
}
