import JSON
import Testing
@testable import Webhooks

/// A token-requestor secret document; `data` values are given in clear and stored base64.
func tokenRequestorSecret(annotation: String? = nil, labels: [(String, String)] = [("resources.gardener.cloud/purpose", "token-requestor")],
                          data: [(String, String)] = [], stringData: [(String, String)]? = nil) -> JSONValue {
    var metadata = JSONObject([JSONMember(key: "name", value: .string("shoot-access-gardener")),
                               JSONMember(key: "namespace", value: .string("shoot--local--local"))])
    metadata["labels"] = .object(JSONObject(labels.map { JSONMember(key: $0.0, value: .string($0.1)) }))
    var annotations = JSONObject([JSONMember(key: "serviceaccount.resources.gardener.cloud/name", value: .string("gardener"))])
    if let annotation { annotations[TokenRequestorPolicy.injectCABundleAnnotation] = .string(annotation) }
    metadata["annotations"] = .object(annotations)
    var secret = JSONObject([JSONMember(key: "kind", value: .string("Secret")), JSONMember(key: "apiVersion", value: .string("v1")),
                             JSONMember(key: "metadata", value: .object(metadata))])
    if !data.isEmpty {
        secret["data"] = .object(JSONObject(data.map { JSONMember(key: $0.0, value: .string(Base64Codec.encode(Array($0.1.utf8)))) }))
    }
    if let stringData {
        secret["stringData"] = .object(JSONObject(stringData.map { JSONMember(key: $0.0, value: .string($0.1)) }))
    }
    secret["type"] = .string("Opaque")
    return .object(secret)
}

/// A kubeconfig whose current context `shoot` uses cluster `shoot` and user `gardener`,
/// with a second cluster that must stay untouched and fields this product does not know.
let twoClusterKubeconfig = """
    apiVersion: v1
    kind: Config
    current-context: shoot
    clusters:
    - name: garden
      cluster:
        server: https://garden.example
        certificate-authority-data: Z2FyZGVuLWNh
    - name: shoot
      cluster:
        server: https://api.shoot.example
        insecure-skip-tls-verify: false
        extensions:
        - name: client.authentication.k8s.io/exec
          extension:
            audience: "true"
    contexts:
    - name: shoot
      context:
        cluster: shoot
        user: gardener
        namespace: kube-system
    users:
    - name: gardener
      user:
        token: "12345"
    preferences: {}

    """

/// The single document of a YAML text.
func yamlDocument(_ text: String) throws -> JSONValue {
    let documents = try YAMLDocuments.parse(text)
    return try #require(documents.count == 1 ? documents.first : nil)
}

struct TokenRequestorPolicyTests {
    let policy = TokenRequestorPolicy()

    private func ca() throws -> [UInt8] { try TestCertificates.certificate(commonName: "target cluster CA") }

    private func changed(_ mutation: TokenRequestorPolicy.Mutation) throws -> JSONValue {
        guard case .changed(let secret) = mutation else {
            Issue.record("expected a change, got \(mutation)")
            throw MutationNotChanged()
        }
        return secret
    }
    private struct MutationNotChanged: Error {}

    private func decodedData(_ secret: JSONValue, _ key: String) -> String? {
        secret["data"]?[key]?.stringValue.flatMap { try? Base64Codec.decode($0) }.map(text)
    }

    private func kubeconfig(_ secret: JSONValue) throws -> JSONValue {
        try yamlDocument(try #require(decodedData(secret, "kubeconfig")))
    }

    private func messages(_ errors: [FieldError]) -> [String] { errors.map(\.description) }

    // MARK: which secrets

    @Test func secretWithoutTheTokenRequestorPurposeIsLeftAlone() throws {
        let secret = tokenRequestorSecret(annotation: "maybe", labels: [("resources.gardener.cloud/purpose", "other")],
                                          data: [("bundle.crt", "x")])
        #expect(!policy.applies(to: secret))
        #expect(policy.mutate(secret, caBundle: try ca()) == .unchanged)
        #expect(policy.validate(secret).isEmpty)
    }

    @Test func configuredClassSelectsOnlySecretsOfThatClass() throws {
        let shoot = TokenRequestorPolicy(tokenRequestorClass: "shoot")
        let garden = tokenRequestorSecret(annotation: "true", labels: [("resources.gardener.cloud/purpose", "token-requestor"),
                                                                        ("resources.gardener.cloud/class", "garden")])
        let unlabelled = tokenRequestorSecret(annotation: "true")
        let matching = tokenRequestorSecret(annotation: "true", labels: [("resources.gardener.cloud/purpose", "token-requestor"),
                                                                          ("resources.gardener.cloud/class", "shoot")])
        #expect(shoot.mutate(garden, caBundle: try ca()) == .unchanged)
        #expect(shoot.mutate(unlabelled, caBundle: try ca()) == .unchanged)
        #expect(decodedData(try changed(shoot.mutate(matching, caBundle: try ca())), "bundle.crt") != nil)
        #expect(policy.applies(to: garden), "without a configured class every class is handled")
    }

    // MARK: bundle.crt

    @Test(arguments: ["1", "t", "T", "TRUE", "true", "True"])
    func everyGoTrueSpellingInjectsBundleCrt(spelling: String) throws {
        let ca = try ca()
        let secret = tokenRequestorSecret(annotation: spelling, data: [("token", "abc")])
        let mutated = try changed(policy.mutate(secret, caBundle: ca))
        #expect(mutated["data"]?["bundle.crt"] == .string(Base64Codec.encode(ca)))
        #expect(decodedData(mutated, "token") == "abc")
        #expect(policy.mutate(mutated, caBundle: ca) == .unchanged)
        #expect(policy.validate(mutated).isEmpty)
    }

    @Test(arguments: ["0", "f", "F", "FALSE", "false", "False"])
    func everyGoFalseSpellingRemovesBundleCrt(spelling: String) throws {
        let secret = tokenRequestorSecret(annotation: spelling, data: [("token", "abc"), ("bundle.crt", "old")])
        let mutated = try changed(policy.mutate(secret, caBundle: try ca()))
        #expect(mutated["data"] == .object(JSONObject([JSONMember(key: "token", value: .string(Base64Codec.encode(Array("abc".utf8))))])))
        #expect(policy.mutate(mutated, caBundle: try ca()) == .unchanged)
    }

    @Test func absentAnnotationRemovesBundleCrtAndOtherwiseChangesNothing() throws {
        let withBundle = tokenRequestorSecret(data: [("bundle.crt", "old")])
        let mutated = try changed(policy.mutate(withBundle, caBundle: try ca()))
        #expect(mutated["data"] == .object(JSONObject()))
        #expect(policy.mutate(tokenRequestorSecret(data: [("token", "abc")]), caBundle: try ca()) == .unchanged)
    }

    @Test func staleBundleCrtIsReplaced() throws {
        let old = try TestCertificates.certificate(commonName: "old CA")
        let new = try ca()
        let secret = tokenRequestorSecret(annotation: "true", data: [("bundle.crt", text(old))])
        #expect(try changed(policy.mutate(secret, caBundle: new))["data"]?["bundle.crt"] == .string(Base64Codec.encode(new)))
    }

    @Test func unparsableAnnotationIsRefusedByBothWebhooks() throws {
        let secret = tokenRequestorSecret(annotation: "yes")
        let message = #"metadata.annotations[serviceaccount.resources.gardener.cloud/inject-ca-bundle]: Invalid value: "yes": must be a boolean (one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False)"#
        guard case .refused(let error) = policy.mutate(secret, caBundle: try ca()) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.description == message)
        #expect(messages(policy.validate(secret)) == [message])
    }

    @Test func bundleCrtThatIsNotPEMIsDenied() {
        let secret = tokenRequestorSecret(annotation: "true", data: [("bundle.crt", "not a certificate")])
        #expect(messages(policy.validate(secret)) == [
            "data[bundle.crt]: Invalid value: must hold PEM-encoded X.509 certificates: no PEM certificate found",
        ])
    }

    @Test func dataThatIsNotBase64IsDenied() {
        let secret = JSONValue.object(JSONObject([
            JSONMember(key: "metadata", value: tokenRequestorSecret()["metadata"] ?? .null),
            JSONMember(key: "data", value: .object(JSONObject([JSONMember(key: "kubeconfig", value: .string("%%%"))]))),
        ]))
        #expect(messages(policy.validate(secret)) == ["data[kubeconfig]: Invalid value: must be a base64-encoded string: illegal base64 data at input byte 0"])
    }

    // MARK: kubeconfig

    @Test func kubeconfigGetsTheCAInItsCurrentContextClusterOnly() throws {
        let ca = try ca()
        let other = text(try TestCertificates.certificate(commonName: "some other CA"))
        let secret = tokenRequestorSecret(annotation: "true", data: [("kubeconfig", twoClusterKubeconfig), ("bundle.crt", other)])
        let mutated = try changed(policy.mutate(secret, caBundle: ca))

        var expected = try yamlDocument(twoClusterKubeconfig)
        var clusters = try #require(expected["clusters"]?.arrayValue)
        clusters[1]["cluster"]?["certificate-authority-data"] = .string(Base64Codec.encode(ca))
        expected["clusters"] = .array(clusters)
        #expect(try kubeconfig(mutated) == expected)
        #expect(decodedData(mutated, "bundle.crt") == other, "Gardener manages bundle.crt only without a kubeconfig")
        #expect(policy.mutate(mutated, caBundle: ca) == .unchanged)
        #expect(policy.validate(mutated).isEmpty)
    }

    @Test func rewrittenKubeconfigKeepsQuotedScalarsAsStrings() throws {
        let mutated = try changed(policy.mutate(tokenRequestorSecret(annotation: "true", data: [("kubeconfig", twoClusterKubeconfig)]),
                                                caBundle: try ca()))
        let yaml = try #require(decodedData(mutated, "kubeconfig"))
        #expect(yaml.contains(#"token: "12345""#))
        #expect(yaml.contains(#"audience: "true""#))
        #expect(yaml.contains("insecure-skip-tls-verify: false"))
        #expect(yaml.hasPrefix("apiVersion: v1\nkind: Config\ncurrent-context: shoot\n"))
    }

    @Test func kubeconfigWithTheSameCAIsUnchanged() throws {
        let ca = try ca()
        let config = twoClusterKubeconfig.replacingOccurrences(of: "insecure-skip-tls-verify: false",
                                                               with: "certificate-authority-data: \(Base64Codec.encode(ca))")
        let secret = tokenRequestorSecret(annotation: "true", data: [("kubeconfig", config)])
        #expect(policy.mutate(secret, caBundle: ca) == .unchanged)
    }

    @Test func injectionOffLeavesTheKubeconfigCAAlone() throws {
        let secret = tokenRequestorSecret(annotation: "false", data: [("kubeconfig", twoClusterKubeconfig), ("bundle.crt", "kept")])
        #expect(policy.mutate(secret, caBundle: try ca()) == .unchanged)
        #expect(policy.mutate(tokenRequestorSecret(data: [("kubeconfig", twoClusterKubeconfig)]), caBundle: try ca()) == .unchanged)
    }

    @Test func jsonKubeconfigStaysJSON() throws {
        let ca = try ca()
        let json = #"{"apiVersion":"v1","kind":"Config","current-context":"c","contexts":[{"name":"c","context":{"cluster":"k","user":"u"}}],"clusters":[{"name":"k","cluster":{"server":"https://k"}}],"users":[{"name":"u","user":{}}]}"#
        let mutated = try changed(policy.mutate(tokenRequestorSecret(annotation: "1", data: [("kubeconfig", json)]), caBundle: ca))
        let expected = json.replacingOccurrences(of: #"{"server":"https://k"}"#,
                                                 with: #"{"server":"https://k","certificate-authority-data":"\#(Base64Codec.encode(ca))"}"#)
        #expect(decodedData(mutated, "kubeconfig") == expected)
    }

    @Test func missingCurrentContextIsDeniedWithGardenersMessage() throws {
        let config = twoClusterKubeconfig.replacingOccurrences(of: "current-context: shoot", with: "current-context: elsewhere")
        let secret = tokenRequestorSecret(annotation: "true", data: [("kubeconfig", config)])
        let message = "data[kubeconfig]: Invalid value: did not find context defined in current context"
        #expect(messages(policy.validate(secret)) == [message])
        #expect(policy.mutate(secret, caBundle: try ca()) == .refused(.invalid(FieldPath("data").key("kubeconfig"), .omitted,
                                                                               "did not find context defined in current context")))
    }

    @Test func missingUserIsDeniedWithGardenersMessage() throws {
        let config = twoClusterKubeconfig.replacingOccurrences(of: "user: gardener", with: "user: nobody")
        let secret = tokenRequestorSecret(annotation: "false", data: [("kubeconfig", config)])
        #expect(messages(policy.validate(secret)) == ["data[kubeconfig]: Invalid value: did not find authInfo of current context named nobody"])
    }

    @Test func missingClusterIsDeniedWithGardenersMessage() throws {
        let config = twoClusterKubeconfig.replacingOccurrences(of: "    cluster: shoot\n", with: "    cluster: gone\n")
        let secret = tokenRequestorSecret(annotation: "true", data: [("kubeconfig", config)])
        let detail = "did not find cluster of current context named gone"
        #expect(messages(policy.validate(secret)) == ["data[kubeconfig]: Invalid value: \(detail)"])
        #expect(policy.mutate(secret, caBundle: try ca()) == .refused(.invalid(FieldPath("data").key("kubeconfig"), .omitted, detail)))
    }

    @Test func kubeconfigThatIsNotYAMLIsDenied() throws {
        let broken = tokenRequestorSecret(annotation: "true", data: [("kubeconfig", "clusters: [unclosed\n")])
        let errors = messages(policy.validate(broken))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("data[kubeconfig]: Invalid value: could not decode kubeconfig: ") == true)
        if case .refused = policy.mutate(broken, caBundle: try ca()) {} else { Issue.record("mutation must refuse") }

        let scalar = tokenRequestorSecret(annotation: "true", data: [("kubeconfig", "just a sentence")])
        #expect(messages(policy.validate(scalar)) == ["data[kubeconfig]: Invalid value: could not decode kubeconfig: the document is not a mapping"])

        let wrongType = tokenRequestorSecret(data: [("kubeconfig", "current-context: [a]\n")])
        #expect(messages(policy.validate(wrongType)) == ["data[kubeconfig]: Invalid value: could not decode kubeconfig: current-context must be a string"])

        let badCA = tokenRequestorSecret(data: [("kubeconfig", "clusters:\n- name: a\n  cluster:\n    certificate-authority-data: '%%'\n")])
        #expect(messages(policy.validate(badCA)) == [
            "data[kubeconfig]: Invalid value: could not decode kubeconfig: clusters[].cluster.certificate-authority-data must be base64-encoded",
        ])
    }

    // MARK: stringData

    @Test func stringDataKubeconfigIsFoldedIntoDataWhenInjected() throws {
        let ca = try ca()
        let secret = tokenRequestorSecret(annotation: "true", data: [("kubeconfig", "stale: true\n")],
                                          stringData: [("kubeconfig", twoClusterKubeconfig), ("other", "kept")])
        let mutated = try changed(policy.mutate(secret, caBundle: ca))
        let cluster = try kubeconfig(mutated)["clusters"]?.arrayValue?.last?["cluster"]
        #expect(cluster?["certificate-authority-data"] == .string(Base64Codec.encode(ca)))
        #expect(mutated["stringData"] == .object(JSONObject([JSONMember(key: "other", value: .string("kept"))])))
        #expect(policy.mutate(mutated, caBundle: ca) == .unchanged)
    }

    @Test func stringDataOverridesDataAsTheAPIServerMergesIt() throws {
        let ca = try ca()
        let same = tokenRequestorSecret(annotation: "true", data: [("bundle.crt", "old")], stringData: [("bundle.crt", text(ca))])
        #expect(policy.mutate(same, caBundle: ca) == .unchanged)

        let stale = tokenRequestorSecret(annotation: "true", stringData: [("bundle.crt", "old")])
        let mutated = try changed(policy.mutate(stale, caBundle: ca))
        #expect(mutated["stringData"] == nil)
        #expect(mutated["data"]?["bundle.crt"] == .string(Base64Codec.encode(ca)))

        let off = tokenRequestorSecret(data: [("token", "t")], stringData: [("bundle.crt", "old")])
        #expect(try changed(policy.mutate(off, caBundle: ca))["stringData"] == nil)
        #expect(messages(policy.validate(stale)) == [
            "stringData[bundle.crt]: Invalid value: must hold PEM-encoded X.509 certificates: no PEM certificate found",
        ])
    }
}
