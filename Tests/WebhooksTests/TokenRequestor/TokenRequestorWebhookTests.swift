import JSON
import Testing
@testable import Webhooks

struct TokenRequestorWebhookTests {
    /// Webhooks over a CA file in a fresh directory (kept alive by the returned directory).
    private func webhooks(class tokenRequestorClass: String? = nil) throws -> (TokenRequestorWebhooks, TemporaryDirectory, [UInt8]) {
        let directory = try TemporaryDirectory()
        let ca = try TestCertificates.certificate(commonName: "runtime CA")
        let path = try directory.write("ca.crt", ca)
        return (try TokenRequestorWebhooks(tokenRequestorClass: tokenRequestorClass, caBundleFile: path), directory, ca)
    }

    private func secretReview(_ secret: JSONValue, operation: String = "CREATE") -> [UInt8] {
        admissionReviewBody(uid: "f00d", kind: "Secret", resource: "secrets", operation: operation, object: secret,
                            oldObject: operation == "UPDATE" ? secret : nil)
    }

    /// Mutates through the wire layer, applies the patch with Python's jsonpatch, and checks
    /// that a second pass answers without a patch.
    private func mutateThroughTheWire(_ webhooks: TokenRequestorWebhooks, _ secret: JSONValue, operation: String = "CREATE") throws -> JSONValue {
        let handler = AdmissionReviewHandler(webhook: webhooks.mutating)
        let body = secretReview(secret, operation: operation)
        let mutated = try objectAfterReview(request: body, answer: try handler.review(body))
        let second = try JSONParser.parse(try handler.review(try replacingObject(in: body, with: mutated)))
        #expect(second[path: "response", "patch"] == nil, "mutating the mutated secret must not patch again")
        #expect(second[path: "response", "allowed"] == .bool(true))
        let validation = try JSONParser.parse(try AdmissionReviewHandler(webhook: webhooks.validating)
            .review(try replacingObject(in: body, with: mutated)))
        #expect(validation[path: "response", "allowed"] == .bool(true))
        return mutated
    }

    @Test func bundleCrtPatchAppliesWithPythonJSONPatch() throws {
        let (webhooks, _, ca) = try webhooks()
        let mutated = try mutateThroughTheWire(webhooks, tokenRequestorSecret(annotation: "true", data: [("token", "abc")]))
        #expect(mutated["data"]?["bundle.crt"] == .string(Base64Codec.encode(ca)))
        #expect(mutated["data"]?["token"] == .string(Base64Codec.encode(Array("abc".utf8))))
    }

    @Test func kubeconfigPatchAppliesWithPythonJSONPatch() throws {
        let (webhooks, _, ca) = try webhooks()
        let mutated = try mutateThroughTheWire(webhooks, tokenRequestorSecret(annotation: "T", data: [("kubeconfig", twoClusterKubeconfig)]),
                                               operation: "UPDATE")
        let yaml = try #require(mutated["data"]?["kubeconfig"]?.stringValue.flatMap { try? Base64Codec.decode($0) })
        let cluster = try yamlDocument(text(yaml))["clusters"]?.arrayValue?.last?["cluster"]
        #expect(cluster?["certificate-authority-data"] == .string(Base64Codec.encode(ca)))
    }

    @Test func stringDataPatchAppliesWithPythonJSONPatch() throws {
        let (webhooks, _, ca) = try webhooks()
        let mutated = try mutateThroughTheWire(webhooks, tokenRequestorSecret(annotation: "true", stringData: [("bundle.crt", "stale")]))
        #expect(mutated["stringData"] == nil)
        #expect(mutated["data"]?["bundle.crt"] == .string(Base64Codec.encode(ca)))
    }

    @Test func switchingInjectionOffRemovesBundleCrt() throws {
        let (webhooks, _, _) = try webhooks()
        let mutated = try mutateThroughTheWire(webhooks, tokenRequestorSecret(annotation: "False", data: [("bundle.crt", "x"), ("token", "t")]),
                                               operation: "UPDATE")
        #expect(mutated["data"]?["bundle.crt"] == nil)
        #expect(mutated["data"]?["token"] != nil)
    }

    @Test func invalidAnnotationIsDeniedWith403() throws {
        let (webhooks, _, _) = try webhooks()
        let body = secretReview(tokenRequestorSecret(annotation: "on"))
        let expected = #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"f00d","allowed":false,"status":{"code":403,"message":"metadata.annotations[serviceaccount.resources.gardener.cloud/inject-ca-bundle]: Invalid value: \"on\": must be a boolean (one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False)"}}}"# + "\n"
        #expect(text(try AdmissionReviewHandler(webhook: webhooks.mutating).review(body)) == expected)
        #expect(text(try AdmissionReviewHandler(webhook: webhooks.validating).review(body)) == expected)
    }

    @Test func validationAggregatesEveryProblem() throws {
        let (webhooks, _, _) = try webhooks()
        let config = twoClusterKubeconfig.replacingOccurrences(of: "user: gardener", with: "user: ghost")
        let body = secretReview(tokenRequestorSecret(annotation: "nope", data: [("kubeconfig", config), ("bundle.crt", "junk")]))
        let answer = try JSONParser.parse(try AdmissionReviewHandler(webhook: webhooks.validating).review(body))
        #expect(answer[path: "response", "status", "message"] == .string(
            #"[metadata.annotations[serviceaccount.resources.gardener.cloud/inject-ca-bundle]: Invalid value: "nope": must be a boolean (one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False), data[kubeconfig]: Invalid value: did not find authInfo of current context named ghost, data[bundle.crt]: Invalid value: must hold PEM-encoded X.509 certificates: no PEM certificate found]"#))
    }

    @Test func reloadedCAIsUsedForTheNextRequest() throws {
        let (webhooks, directory, _) = try webhooks()
        let next = try TestCertificates.certificate(commonName: "rotated CA")
        try directory.write("ca.crt", next)
        #expect(webhooks.caBundle.reload() == .reloaded(certificates: 1))
        let mutated = try mutateThroughTheWire(webhooks, tokenRequestorSecret(annotation: "true"))
        #expect(mutated["data"]?["bundle.crt"] == .string(Base64Codec.encode(next)))
    }

    @Test func configuredClassIgnoresOtherClassesAndEmptyMeansNone() throws {
        let (shoot, _, _) = try webhooks(class: "shoot")
        let garden = tokenRequestorSecret(annotation: "true", labels: [("resources.gardener.cloud/purpose", "token-requestor"),
                                                                        ("resources.gardener.cloud/class", "garden")])
        let request = try AdmissionRequest(json: try #require(try JSONParser.parse(secretReview(garden))["request"]))
        #expect(try shoot.mutating.admit(request) == .allowed)
        let (unclassed, _, _) = try webhooks(class: "")
        #expect(unclassed.mutating.policy.tokenRequestorClass == nil)
        if case .patched = try unclassed.mutating.admit(request) {} else { Issue.record("an empty class must handle every class") }
    }

    @Test func deletesAndOtherResourcesAreAllowedUntouched() throws {
        let (webhooks, _, _) = try webhooks()
        let secret = tokenRequestorSecret(annotation: "bogus")
        for body in [admissionReviewBody(kind: "Secret", resource: "secrets", operation: "DELETE", object: nil, oldObject: secret),
                     admissionReviewBody(kind: "ConfigMap", resource: "configmaps", object: secret)] {
            let request = try AdmissionRequest(json: try #require(try JSONParser.parse(body)["request"]))
            #expect(try webhooks.mutating.admit(request) == .allowed)
            #expect(try webhooks.validating.admit(request) == .allowed)
        }
    }

    @Test func factoryReportsAMissingCAFileAndNamesThePaths() throws {
        #expect(throws: CABundleFile.LoadError(path: "/nonexistent/ca.crt", reason: "cannot read: No such file or directory")) {
            try TokenRequestorWebhooks(tokenRequestorClass: nil, caBundleFile: "/nonexistent/ca.crt")
        }
        let (webhooks, _, _) = try webhooks()
        #expect(webhooks.all.map(\.path) == ["/webhooks/validate/token-requestor", "/webhooks/mutate/token-requestor"])
        #expect(webhooks.all.map(\.name) == ["validate-token-requestor", "mutate-token-requestor"])
    }
}
