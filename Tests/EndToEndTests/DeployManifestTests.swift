import Foundation
import JSON
import Testing
import Yams

/// `kubectl kustomize deploy/` renders a complete, self-consistent install, and the files for the
/// garden kube-apiserver point at it.
struct DeployManifestTests {
    // Distinct contents, so the test can tell which file ended up where.
    static let tlsFiles = [
        "tls.crt": "-----BEGIN CERTIFICATE-----\nc2VydmluZw==\n-----END CERTIFICATE-----\n",
        "tls.key": "-----BEGIN EC PRIVATE KEY-----\na2V5\n-----END EC PRIVATE KEY-----\n",
        "ca.crt": "-----BEGIN CERTIFICATE-----\nc2VydmluZy1jYQ==\n-----END CERTIFICATE-----\n",
        "client-ca.crt": "-----BEGIN CERTIFICATE-----\nY2xpZW50LWNh\n-----END CERTIFICATE-----\n",
    ]

    /// The rendered stream, made once: deploy/ is copied next to TLS files of known content.
    static let rendered: Result<String, ToolFailure> = {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("seed-webhooks-deploy-\(getpid())-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: true)
            let copy = work.appendingPathComponent("deploy")
            try fm.copyItem(at: RepositoryPaths.file("deploy"), to: copy)
            for (name, content) in tlsFiles {
                let target = copy.appendingPathComponent("tls").appendingPathComponent(name)
                try? fm.removeItem(at: target)
                try Data(content.utf8).write(to: target)
            }
            return .success(try Tool.output("kubectl", ["kustomize", copy.path]))
        } catch let failure as ToolFailure {
            return .failure(failure)
        } catch {
            return .failure(ToolFailure(description: "preparing deploy/: \(error)"))
        }
    }()

    static func objects() throws -> [Node] {
        try yamlDocuments(try rendered.get())
    }

    static func object(_ kind: String, in objects: [Node]) throws -> Node {
        let found = objects.filter { $0["kind"]?.string == kind }
        try #require(found.count == 1, "expected one \(kind), found \(found.count)")
        return found[0]
    }

    /// The server's admission endpoints, from the endpoint table of design.md ("Ports and endpoints").
    static func admissionPathsOfDesign() throws -> Set<String> {
        let design = try String(contentsOf: RepositoryPaths.shared.appendingPathComponent("spec/design.md"), encoding: .utf8)
        var paths = Set<String>()
        for line in design.split(separator: "\n") where line.hasPrefix("| `POST /webhooks/") {
            let path = line.dropFirst("| `POST ".count).prefix { $0 != "`" }
            if path.hasPrefix("/webhooks/validate/") || path.hasPrefix("/webhooks/mutate/") { paths.insert(String(path)) }
        }
        return paths
    }

    /// The port number of a `host:port` listen address such as `":2721"`.
    static func port(of listen: String?) -> Int? {
        guard let listen, let colon = listen.lastIndex(of: ":") else { return nil }
        return Int(listen[listen.index(after: colon)...])
    }

    static func configFile() throws -> Node {
        let text = try String(contentsOf: RepositoryPaths.file("deploy/config/config.yaml"), encoding: .utf8)
        return try #require(try Yams.compose(yaml: text))
    }

    @Test func everyRenderedObjectHasKindNameAndTheInstallNamespace() throws {
        let objects = try Self.objects()
        let kinds = Set(objects.compactMap { $0["kind"]?.string })
        #expect(kinds == ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "ConfigMap", "Secret",
                          "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy",
                          "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"])
        let clusterScoped: Set<String> = ["Namespace", "ClusterRole", "ClusterRoleBinding",
                                          "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]
        for object in objects {
            let kind = object["kind"]?.string ?? "?"
            #expect(object["apiVersion"]?.string?.isEmpty == false, "\(kind) has no apiVersion")
            #expect(object.at("metadata", "name")?.string?.isEmpty == false, "\(kind) has no name")
            if clusterScoped.contains(kind) {
                #expect(object.at("metadata", "namespace") == nil, "\(kind) is cluster-scoped")
            } else {
                #expect(object.at("metadata", "namespace")?.string == "seed-webhooks", "\(kind) namespace")
            }
        }
        #expect(try Self.object("Namespace", in: objects).at("metadata", "name")?.string == "seed-webhooks")
    }

    @Test func admissionWebhookPathsAreExactlyTheServersAdmissionEndpoints() throws {
        let objects = try Self.objects()
        let designPaths = try Self.admissionPathsOfDesign()
        #expect(designPaths.count == 6)
        let validating = try Self.object("ValidatingWebhookConfiguration", in: objects)["webhooks"]?.items ?? []
        let mutating = try Self.object("MutatingWebhookConfiguration", in: objects)["webhooks"]?.items ?? []
        let validatingPaths = validating.compactMap { $0.at("clientConfig", "service", "path")?.string }
        let mutatingPaths = mutating.compactMap { $0.at("clientConfig", "service", "path")?.string }
        #expect(Set(validatingPaths) == designPaths.filter { $0.hasPrefix("/webhooks/validate/") })
        #expect(Set(mutatingPaths) == designPaths.filter { $0.hasPrefix("/webhooks/mutate/") })
        #expect(validatingPaths.count == 3 && mutatingPaths.count == 3)
    }

    @Test func admissionWebhookPathsAreTheEndpointsTheServerRegisters() throws {
        // `seed-webhooks admit --list` prints the server's own admission endpoints:
        // "validate/cloudprofiles   validating  POST /webhooks/validate/cloudprofiles".
        let result = try Tool.run(ReadmeServer.executable.path, ["admit", "--list"])
        #expect(result.status == 0, "admit --list: \(result.stderr)")
        var served: Set<String> = []
        for line in result.stdout.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 4, fields[2] == "POST" else { continue }
            served.insert("\(fields[1]) \(fields[3])")
        }
        #expect(served.count == 6, "\(result.stdout)")
        let objects = try Self.objects()
        var configured: Set<String> = []
        for (kind, type) in [("ValidatingWebhookConfiguration", "validating"), ("MutatingWebhookConfiguration", "mutating")] {
            for webhook in try Self.object(kind, in: objects)["webhooks"]?.items ?? [] {
                configured.insert("\(type) \(webhook.at("clientConfig", "service", "path")?.string ?? "")")
            }
        }
        #expect(configured == served)
    }

    @Test func everyPathTheManifestsNameIsServedByTheRunningServer() throws {
        let objects = try Self.objects()
        var webhookPaths: [String] = []
        for kind in ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] {
            for webhook in try Self.object(kind, in: objects)["webhooks"]?.items ?? [] {
                webhookPaths.append(webhook.at("clientConfig", "service", "path")?.string ?? "")
            }
        }
        let kubeconfig = try Self.kubeAPIServerFile("authorization-webhook-kubeconfig.yaml")
        let server = try #require(kubeconfig["clusters"]?.items.first?.at("cluster", "server")?.string.flatMap(URL.init(string:)))
        webhookPaths.append(server.path)
        let container = try #require(try Self.object("Deployment", in: objects).at("spec", "template", "spec", "containers")?.items.first)
        let probePaths = ["livenessProbe", "readinessProbe", "startupProbe"].compactMap { container.at($0, "httpGet", "path")?.string }
            + [(try Self.object("Deployment", in: objects)).at("spec", "template", "metadata", "annotations", "prometheus.io/path")?.string ?? ""]

        let running = try ReadmeServer()
        defer { running.stop() }
        let curl = try #require(Tool.find("curl"))
        for path in webhookPaths {
            // An empty review: the endpoint exists if it answers anything but 404/405.
            let result = try Tool.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", "certs/ca.crt",
                                             "-H", "Content-Type: application/json", "--data-binary", "{}",
                                             "https://localhost:\(running.port)\(path)"], in: RepositoryPaths.root)
            #expect(!["404", "405", "000"].contains(result.stdout), "POST \(path) answered \(result.stdout)")
        }
        for path in probePaths {
            let result = try Tool.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(running.probePort)\(path)"])
            #expect(result.stdout == "200", "GET \(path) on the probe port answered \(result.stdout)")
        }
    }

    @Test func everyWebhookCallsTheServiceOverItsHTTPSPortWithTheServingCA() throws {
        let objects = try Self.objects()
        let service = try Self.object("Service", in: objects)
        let httpsPort = service.at("spec", "ports")?.items.first { $0["name"]?.string == "https" }
        #expect(httpsPort?["port"]?.int == 443)
        let secret = try Self.object("Secret", in: objects)
        #expect(secret.at("metadata", "name")?.string == "seed-webhooks-tls")
        let webhooks = try ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"].flatMap {
            try Self.object($0, in: objects)["webhooks"]?.items ?? []
        }
        #expect(webhooks.count == 6)
        for webhook in webhooks {
            let name = webhook["name"]?.string ?? "?"
            let reference = webhook.at("clientConfig", "service")
            #expect(reference?["name"]?.string == service.at("metadata", "name")?.string, "\(name) service")
            #expect(reference?["namespace"]?.string == service.at("metadata", "namespace")?.string, "\(name) namespace")
            #expect(reference?["port"]?.int == 443, "\(name) port")
            // The caBundle is the Secret's ca.crt, byte for byte (line breaks in base64 are ignored).
            let bundle = (webhook.at("clientConfig", "caBundle")?.string ?? "").filter { !$0.isWhitespace }
            let decoded = Data(base64Encoded: bundle).map { String(decoding: $0, as: UTF8.self) }
            #expect(decoded == Self.tlsFiles["ca.crt"], "\(name) caBundle")
            #expect(bundle == (secret.at("data", "ca.crt")?.string ?? "").filter { !$0.isWhitespace })
            #expect(webhook["sideEffects"]?.string == "None", "\(name) sideEffects")
            #expect(webhook["admissionReviewVersions"]?.strings == ["v1"], "\(name) review versions")
            let timeout = webhook["timeoutSeconds"]?.int ?? 0
            #expect(timeout >= 1 && timeout <= 10, "\(name) timeout \(timeout)")
            #expect(["Fail", "Ignore"].contains(webhook["failurePolicy"]?.string ?? ""), "\(name) failurePolicy")
        }
    }

    @Test func webhookRulesAndObjectSelectorsMatchTheirResources() throws {
        let objects = try Self.objects()
        for kind in ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] {
            for webhook in try Self.object(kind, in: objects)["webhooks"]?.items ?? [] {
                let path = webhook.at("clientConfig", "service", "path")?.string ?? ""
                let rules = webhook["rules"]?.items ?? []
                try #require(rules.count == 1, "\(path): one rule")
                let rule = rules[0]
                #expect(rule["operations"]?.strings == ["CREATE", "UPDATE"], "\(path) operations")
                let selector = webhook["objectSelector"]
                switch path.split(separator: "/").last.map(String.init) {
                case "cloudprofiles":
                    #expect(rule["apiGroups"]?.strings == ["core.gardener.cloud"])
                    let expected = kind.hasPrefix("Mutating")
                        ? ["cloudprofiles", "cloudprofiles/status", "namespacedcloudprofiles"]
                        : ["cloudprofiles", "namespacedcloudprofiles"]
                    #expect(rule["resources"]?.strings == expected, "\(path) resources")
                    #expect(selector == nil, "\(path) has no object selector")
                    #expect(webhook["failurePolicy"]?.string == "Fail")
                case "token-requestor":
                    #expect(rule["apiGroups"]?.strings == [""])
                    #expect(rule["resources"]?.strings == ["secrets"])
                    #expect(selector?.at("matchLabels", "resources.gardener.cloud/purpose")?.string == "token-requestor")
                case "traffic-distribution":
                    #expect(rule["apiGroups"]?.strings == [""])
                    #expect(rule["resources"]?.strings == ["services"])
                    let expression = selector?["matchExpressions"]?.items.first
                    #expect(expression?["key"]?.string == "resources.gardener.cloud/topology-aware-routing")
                    #expect(expression?["operator"]?.string == "Exists")
                default:
                    Issue.record("unexpected webhook path \(path)")
                }
            }
        }
    }

    @Test func serviceAndProbesReachTheConfiguredListeners() throws {
        let objects = try Self.objects()
        let config = try Self.configFile()
        let listenPort = try #require(Self.port(of: config["listen"]?.string))
        let probePort = try #require(Self.port(of: config["probeListen"]?.string))
        #expect(listenPort == 2721)
        #expect(probePort == 2722)

        let deployment = try Self.object("Deployment", in: objects)
        let container = try #require(deployment.at("spec", "template", "spec", "containers")?.items.first)
        let ports = Dictionary(uniqueKeysWithValues: (container["ports"]?.items ?? []).compactMap { port in
            port["name"]?.string.map { ($0, port["containerPort"]?.int ?? 0) }
        })
        #expect(ports == ["https": listenPort, "probes": probePort])

        let service = try Self.object("Service", in: objects)
        let servicePorts = service.at("spec", "ports")?.items ?? []
        let targets = servicePorts.map { ($0["port"]?.int ?? 0, $0["targetPort"]?.string ?? "") }
        #expect(targets.map(\.0) == [443, probePort])
        #expect(targets.map(\.1) == ["https", "probes"])
        let podLabels = deployment.at("spec", "template", "metadata", "labels")
        for (key, value) in service.at("spec", "selector")?.mapping ?? [:] {
            #expect(podLabels?[key.string ?? ""]?.string == value.string, "Service selects the pods")
        }

        #expect(container.at("livenessProbe", "httpGet", "path")?.string == "/healthz")
        #expect(container.at("livenessProbe", "httpGet", "port")?.string == "probes")
        #expect(container.at("readinessProbe", "httpGet", "path")?.string == "/readyz")
        #expect(container.at("readinessProbe", "httpGet", "port")?.string == "probes")

        let annotations = deployment.at("spec", "template", "metadata", "annotations")
        #expect(annotations?["prometheus.io/scrape"]?.string == "true")
        #expect(annotations?["prometheus.io/port"]?.string == String(probePort))
        #expect(annotations?["prometheus.io/path"]?.string == "/metrics")

        let policy = try Self.object("NetworkPolicy", in: objects)
        let allowed = (policy.at("spec", "ingress")?.items ?? []).flatMap { $0["ports"]?.items ?? [] }.compactMap { $0["port"]?.int }
        #expect(Set(allowed) == [listenPort, probePort])
    }

    @Test func configurationAndCertificateFilesAreMountedWhereTheConfigurationLooks() throws {
        let objects = try Self.objects()
        let config = try Self.configFile()
        let deployment = try Self.object("Deployment", in: objects)
        let pod = try #require(deployment.at("spec", "template", "spec"))
        let container = try #require(pod["containers"]?.items.first)

        // mount path → keys of the ConfigMap or Secret behind it
        var files: [String: Set<String>] = [:]
        let volumes = pod["volumes"]?.items ?? []
        for mount in container["volumeMounts"]?.items ?? [] {
            #expect(mount["subPath"] == nil, "no subPath: updates must reach the files")
            #expect(mount["readOnly"]?.bool == true)
            let volume = try #require(volumes.first { $0["name"]?.string == mount["name"]?.string })
            let source: Node
            if let name = volume.at("configMap", "name")?.string {
                source = try #require(objects.first { $0["kind"]?.string == "ConfigMap" && $0.at("metadata", "name")?.string == name },
                                      "ConfigMap \(name) is rendered")
            } else {
                let name = volume.at("secret", "secretName")?.string
                source = try #require(objects.first { $0["kind"]?.string == "Secret" && $0.at("metadata", "name")?.string == name },
                                      "Secret \(name ?? "?") is rendered")
            }
            files[mount["mountPath"]?.string ?? ""] = Set(source["data"]?.keys ?? [])
        }
        func mounted(_ path: String?) -> Bool {
            guard let path, let slash = path.lastIndex(of: "/") else { return false }
            return files[String(path[..<slash])]?.contains(String(path[path.index(after: slash)...])) == true
        }

        let arguments = container["args"]?.strings ?? []
        let configIndex = try #require(arguments.firstIndex(of: "--config"))
        #expect(arguments.first == "serve")
        #expect(mounted(arguments.dropFirst(configIndex + 1).first), "configuration file \(arguments)")
        for key in ["certFile", "keyFile", "clientCAFile"] {
            #expect(mounted(config.at("tls", key)?.string), "tls.\(key)")
        }
        #expect(mounted(config["kubeconfig"]?.string), "kubeconfig")
        #expect(mounted(config.at("trafficDistribution", "kubeconfig")?.string), "trafficDistribution.kubeconfig")
        #expect(config.at("tokenRequestor", "caBundleFile")?.string == "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt")
    }

    @Test func deployConfigurationPassesTheServersConfigCheck() throws {
        // The files it names exist only in the pod; lay them out in a temporary directory instead.
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("seed-webhooks-config-\(getpid())-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        let mounts = ["/etc/seed-webhooks/tls/": "tls/", "/etc/seed-webhooks/config/": "config/",
                      "/var/run/secrets/kubernetes.io/serviceaccount/": "serviceaccount/"]
        for directory in mounts.values {
            try fm.createDirectory(at: work.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        let certs = RepositoryPaths.file("certs")
        for (source, target) in [("tls.crt", "tls/tls.crt"), ("tls.key", "tls/tls.key"), ("ca.crt", "tls/client-ca.crt"),
                                 ("ca.crt", "serviceaccount/ca.crt")] {
            try fm.copyItem(at: certs.appendingPathComponent(source), to: work.appendingPathComponent(target))
        }
        try Data("token\n".utf8).write(to: work.appendingPathComponent("serviceaccount/token"))
        for name in try fm.contentsOfDirectory(atPath: RepositoryPaths.file("deploy/config").path) {
            var text = try String(contentsOf: RepositoryPaths.file("deploy/config/\(name)"), encoding: .utf8)
            for (mount, directory) in mounts {
                text = text.replacingOccurrences(of: mount, with: work.appendingPathComponent(directory).path + "/")
            }
            try Data(text.utf8).write(to: work.appendingPathComponent("config/\(name)"))
        }

        let executable = ReadmeServer.executable.path
        let result = try Tool.run(executable, ["config", "check", work.appendingPathComponent("config/config.yaml").path])
        #expect(result.status == 0, "config check: \(result.stderr)")
        let config = work.appendingPathComponent("config").path
        #expect(result.stdout.contains("kubeconfig: \"\(config)/in-cluster-kubeconfig.yaml\""))
        #expect(result.stdout.contains("authorizeWithSelectors: \"auto\""))
        #expect(result.stdout.contains("enableDebugHandlers: false"))
    }

    @Test func podRunsHardenedAndSurvivesDisruptions() throws {
        let objects = try Self.objects()
        let config = try Self.configFile()
        let deployment = try Self.object("Deployment", in: objects)
        let pod = try #require(deployment.at("spec", "template", "spec"))
        let container = try #require(pod["containers"]?.items.first)

        #expect((deployment.at("spec", "replicas")?.int ?? 0) >= 2)
        let antiAffinity = pod.at("affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution")?.items.first
        #expect(antiAffinity?.at("podAffinityTerm", "topologyKey")?.string == "kubernetes.io/hostname")
        #expect(pod.at("securityContext", "runAsNonRoot")?.bool == true)
        #expect(pod.at("securityContext", "seccompProfile", "type")?.string == "RuntimeDefault")
        let security = container["securityContext"]
        #expect(security?["readOnlyRootFilesystem"]?.bool == true)
        #expect(security?["allowPrivilegeEscalation"]?.bool == false)
        #expect(security?["runAsNonRoot"]?.bool == true)
        #expect(security?.at("capabilities", "drop")?.strings == ["ALL"])
        #expect(security?.at("seccompProfile", "type")?.string == "RuntimeDefault")
        #expect(container.at("resources", "requests", "cpu") != nil)
        #expect(container.at("resources", "requests", "memory") != nil)
        #expect(container.at("resources", "limits", "memory") != nil)

        // In-flight requests finish within shutdownGracePeriod; the pod must be given longer.
        let grace = try #require(config["shutdownGracePeriod"]?.string)
        let graceSeconds = try #require(Int(grace.dropLast()), "shutdownGracePeriod in seconds: \(grace)")
        #expect(grace.hasSuffix("s"))
        let preStop = container.at("lifecycle", "preStop", "sleep", "seconds")?.int ?? 0
        #expect((pod["terminationGracePeriodSeconds"]?.int ?? 0) > graceSeconds + preStop)

        let budget = try Self.object("PodDisruptionBudget", in: objects)
        #expect(budget.at("spec", "minAvailable")?.int == 1)
        let podLabels = deployment.at("spec", "template", "metadata", "labels")
        for (key, value) in budget.at("spec", "selector", "matchLabels")?.mapping ?? [:] {
            #expect(podLabels?[key.string ?? ""]?.string == value.string, "budget selects the pods")
        }
        #expect(pod["serviceAccountName"]?.string == (try Self.object("ServiceAccount", in: objects)).at("metadata", "name")?.string)
    }

    @Test func containerImageRunsAsThePodsUserWithThePodsArguments() throws {
        let containerfile = try String(contentsOf: RepositoryPaths.file("Containerfile"), encoding: .utf8)
        let lines = containerfile.split(separator: "\n").map(String.init)
        func instruction(_ name: String) -> String? {
            lines.last { $0.hasPrefix(name + " ") }.map { String($0.dropFirst(name.count + 1)) }
        }
        let deployment = try Self.object("Deployment", in: try Self.objects())
        let pod = try #require(deployment.at("spec", "template", "spec"))
        let container = try #require(pod["containers"]?.items.first)

        let user = try #require(instruction("USER"))
        #expect(user == "\(pod.at("securityContext", "runAsUser")?.int ?? -1):\(pod.at("securityContext", "runAsGroup")?.int ?? -1)")
        let exposed = (instruction("EXPOSE") ?? "").split(separator: " ").compactMap { Int($0) }
        #expect(exposed == (container["ports"]?.items ?? []).compactMap { $0["containerPort"]?.int })
        // CMD is a JSON array: the image's default is what the Deployment runs.
        let command = try JSONParser.parse(try #require(instruction("CMD")))
        #expect(command.arrayValue?.compactMap(\.stringValue) == container["args"]?.strings)
        #expect(instruction("ENTRYPOINT") == "[\"/usr/local/bin/seed-webhooks\"]")
        #expect(container["command"] == nil, "the image's entrypoint runs")
    }

    @Test func rbacGrantsReadOnTheWatchedKindsAndSubjectAccessReviewCreateOnly() throws {
        let objects = try Self.objects()
        let role = try Self.object("ClusterRole", in: objects)
        var granted: Set<String> = []
        for rule in role["rules"]?.items ?? [] {
            let verbs = (rule["verbs"]?.strings ?? []).joined(separator: ",")
            for group in rule["apiGroups"]?.strings ?? [] {
                for resource in rule["resources"]?.strings ?? [] {
                    granted.insert("\(resource).\(group) \(verbs)")
                }
            }
        }
        let read = "get,list,watch"
        #expect(granted == [
            "backupbuckets.core.gardener.cloud \(read)", "backupentries.core.gardener.cloud \(read)",
            "bastions.operations.gardener.cloud \(read)", "certificatesigningrequests.certificates.k8s.io \(read)",
            "controllerdeployments.core.gardener.cloud \(read)", "controllerinstallations.core.gardener.cloud \(read)",
            "gardenlets.seedmanagement.gardener.cloud \(read)", "managedseeds.seedmanagement.gardener.cloud \(read)",
            "projects.core.gardener.cloud \(read)", "serviceaccounts. \(read)", "namespaces. \(read)", "shoots.core.gardener.cloud \(read)",
            "credentialsbindings.security.gardener.cloud \(read)", "secretbindings.core.gardener.cloud \(read)",
            "seeds.core.gardener.cloud \(read)", "subjectaccessreviews.authorization.k8s.io create",
        ])
        let binding = try Self.object("ClusterRoleBinding", in: objects)
        #expect(binding.at("roleRef", "name")?.string == role.at("metadata", "name")?.string)
        let subject = binding["subjects"]?.items.first
        #expect(subject?["kind"]?.string == "ServiceAccount")
        #expect(subject?["name"]?.string == "seed-webhooks")
        #expect(subject?["namespace"]?.string == "seed-webhooks")
    }

    static func kubeAPIServerFile(_ name: String) throws -> Node {
        let text = try String(contentsOf: RepositoryPaths.file("deploy/garden-kube-apiserver/\(name)"), encoding: .utf8)
        return try #require(try Yams.compose(yaml: text), "\(name) parses")
    }

    /// Files of deploy/garden-kube-apiserver/ refer to each other under this directory on the API server's host.
    static let hostDirectory = "/etc/kubernetes/seed-webhooks/"

    @Test func authorizationConfigurationAsksTheSeedAuthorizerAfterRBACAndNode() throws {
        let config = try Self.kubeAPIServerFile("authorization-config.yaml")
        #expect(config["apiVersion"]?.string == "apiserver.config.k8s.io/v1")
        #expect(config["kind"]?.string == "AuthorizationConfiguration")
        let authorizers = config["authorizers"]?.items ?? []
        #expect(authorizers.map { "\($0["type"]?.string ?? "") \($0["name"]?.string ?? "")" }
                == ["RBAC rbac", "Node node", "Webhook seed-authorizer"])
        let webhook = try #require(authorizers.last?["webhook"])
        let conditions = webhook["matchConditions"]?.items.compactMap { $0["expression"]?.string } ?? []
        #expect(conditions == ["'gardener.cloud:system:seeds' in request.groups || "
                               + "request.groups.exists(e, e.startsWith('system:serviceaccounts:seed-'))"])
        #expect(webhook["subjectAccessReviewVersion"]?.string == "v1")
        #expect(webhook["matchConditionSubjectAccessReviewVersion"]?.string == "v1")
        #expect(webhook["failurePolicy"]?.string == "Deny")
        #expect(webhook["timeout"]?.string == "10s")
        #expect(webhook["cacheAuthorizedRequests"]?.bool == false)
        #expect(webhook["cacheUnauthorizedRequests"]?.bool == false)
        #expect(webhook.at("connectionInfo", "type")?.string == "KubeConfigFile")
        let kubeconfigPath = try #require(webhook.at("connectionInfo", "kubeConfigFile")?.string)
        #expect(kubeconfigPath == Self.hostDirectory + "authorization-webhook-kubeconfig.yaml")
    }

    @Test func authorizationWebhookKubeconfigReachesTheSeedEndpointOfTheService() throws {
        let kubeconfig = try Self.kubeAPIServerFile("authorization-webhook-kubeconfig.yaml")
        let current = try #require(kubeconfig["current-context"]?.string)
        let context = try #require(kubeconfig["contexts"]?.items.first { $0["name"]?.string == current }?["context"])
        let cluster = try #require(kubeconfig["clusters"]?.items.first { $0["name"]?.string == context["cluster"]?.string }?["cluster"])
        let user = try #require(kubeconfig["users"]?.items.first { $0["name"]?.string == context["user"]?.string }?["user"])
        let server = try #require(cluster["server"]?.string.flatMap(URL.init(string:)))
        let objects = try Self.objects()
        let service = try Self.object("Service", in: objects)
        let serviceHost = "\(service.at("metadata", "name")?.string ?? "").\(service.at("metadata", "namespace")?.string ?? "").svc"
        #expect(server.scheme == "https")
        #expect(server.host == serviceHost)
        #expect(server.port == nil, "the Service's port 443")
        #expect(server.path == "/webhooks/auth/seed")
        #expect(cluster["tls-server-name"]?.string == serviceHost)
        #expect(cluster["certificate-authority"]?.string == Self.hostDirectory + "ca.crt")
        #expect(cluster["insecure-skip-tls-verify"] == nil)
        #expect(user["client-certificate"]?.string == Self.hostDirectory + "client.crt")
        #expect(user["client-key"]?.string == Self.hostDirectory + "client.key")

        // The development certificates name that host, so the walk-through's certificates fit.
        let makeDevCerts = try String(contentsOf: RepositoryPaths.file("certs/make-dev-certs"), encoding: .utf8)
        #expect(makeDevCerts.contains("NS=${SEED_WEBHOOKS_NAMESPACE:-\(service.at("metadata", "namespace")?.string ?? "")}"))
        #expect(makeDevCerts.contains("SVC=${SEED_WEBHOOKS_SERVICE:-\(service.at("metadata", "name")?.string ?? "")}"))
        #expect(makeDevCerts.contains("DNS:$SVC.$NS.svc"))
    }

    @Test func admissionConfigurationGivesKubeAPIServerItsClientCertificateForTheService() throws {
        let config = try Self.kubeAPIServerFile("admission-config.yaml")
        #expect(config["kind"]?.string == "AdmissionConfiguration")
        let plugins = config["plugins"]?.items ?? []
        #expect(plugins.compactMap { $0["name"]?.string } == ["ValidatingAdmissionWebhook", "MutatingAdmissionWebhook"])
        for plugin in plugins {
            #expect(plugin.at("configuration", "kind")?.string == "WebhookAdmissionConfiguration")
            #expect(plugin.at("configuration", "kubeConfigFile")?.string == Self.hostDirectory + "admission-webhook-kubeconfig.yaml")
        }
        let kubeconfig = try Self.kubeAPIServerFile("admission-webhook-kubeconfig.yaml")
        let users = kubeconfig["users"]?.items ?? []
        #expect(users.compactMap { $0["name"]?.string } == ["seed-webhooks.seed-webhooks.svc"])
        #expect(users.first?.at("user", "client-certificate")?.string == Self.hostDirectory + "client.crt")
        #expect(users.first?.at("user", "client-key")?.string == Self.hostDirectory + "client.key")
    }

    @Test func yamllintAcceptsDeployAndExamples() throws {
        var targets = ["deploy"]
        if FileManager.default.fileExists(atPath: RepositoryPaths.file("examples/garden").path) { targets.append("examples/garden") }
        _ = try Tool.output("yamllint", ["--strict", "-c", "deploy/.yamllint"] + targets, in: RepositoryPaths.root)
    }
}
