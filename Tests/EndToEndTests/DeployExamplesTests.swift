import Foundation
import JSON
import Testing
import Yams

/// examples/garden is a consistent garden (every reference resolves) in the shape `kubectl get -o yaml`
/// prints, and examples/reviews are bodies in the shape kube-apiserver sends.
struct DeployExamplesTests {
    static let garden = RepositoryPaths.file("examples/garden")
    static let reviews = RepositoryPaths.file("examples/reviews")
    static let fixtures = RepositoryPaths.shared.appendingPathComponent("fixtures/kube-apiserver")

    static func files(in directory: URL, ending suffix: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(suffix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Every object of examples/garden, each file being a `kind: List`.
    static func gardenObjects() throws -> [Node] {
        var objects: [Node] = []
        for file in try files(in: garden, ending: ".yaml") {
            let list = try #require(try Yams.compose(yaml: String(contentsOf: file, encoding: .utf8)), "\(file.lastPathComponent)")
            #expect(list.keys == ["apiVersion", "items", "kind", "metadata"], "\(file.lastPathComponent) is a List as kubectl prints it")
            #expect(list["kind"]?.string == "List")
            objects += list["items"]?.items ?? []
        }
        return objects
    }

    static func key(_ object: Node) -> String {
        let kind = object["kind"]?.string ?? "?"
        let namespace = object.at("metadata", "namespace")?.string ?? ""
        return "\(kind)/\(namespace)/\(object.at("metadata", "name")?.string ?? "")"
    }

    @Test func gardenHoldsEveryKindTheWalkThroughNeeds() throws {
        let objects = try Self.gardenObjects()
        var count: [String: Int] = [:]
        for object in objects { count[object["kind"]?.string ?? "?", default: 0] += 1 }
        #expect(count["Seed"] == 2)
        #expect(count["ManagedSeed"] == 1)
        #expect((count["Project"] ?? 0) >= 2 && count["Namespace"] == count["Project"])
        #expect((count["Shoot"] ?? 0) >= 3)
        for kind in ["SecretBinding", "CredentialsBinding", "CloudProfile", "NamespacedCloudProfile", "BackupBucket", "BackupEntry",
                     "ControllerRegistration", "ControllerDeployment", "ControllerInstallation", "Bastion"] {
            #expect((count[kind] ?? 0) >= 1, "\(kind)")
        }
        for object in objects {
            let metadata = object["metadata"]
            #expect(metadata?["uid"]?.string?.count == 36, "\(Self.key(object)) uid")
            #expect(metadata?["resourceVersion"]?.string?.isEmpty == false, "\(Self.key(object)) resourceVersion")
            #expect(metadata?["creationTimestamp"]?.string?.hasSuffix("Z") == true, "\(Self.key(object)) creationTimestamp")
            #expect(object.keys == object.keys.sorted(), "\(Self.key(object)): keys sorted as kubectl prints them")
        }
        #expect(Set(objects.map(Self.key)).count == objects.count, "no object twice")
    }

    @Test func everyReferenceInTheGardenResolves() throws {
        let objects = try Self.gardenObjects()
        let keys = Set(objects.map(Self.key))
        func expectObject(_ kind: String, _ namespace: String, _ name: String?, from object: Node) {
            #expect(keys.contains("\(kind)/\(namespace)/\(name ?? "")"), "\(Self.key(object)) refers to \(kind) \(namespace)/\(name ?? "")")
        }
        let seeds = objects.filter { $0["kind"]?.string == "Seed" }
        for object in objects {
            let namespace = object.at("metadata", "namespace")?.string ?? ""
            let labels = object.at("metadata", "labels")
            let seedLabels = Set(labels?.keys.filter { $0.hasPrefix("name.seed.gardener.cloud/") } ?? [])
            switch object["kind"]?.string {
            case "Shoot":
                let seed = object.at("spec", "seedName")?.string
                expectObject("Seed", "", seed, from: object)
                #expect(object.at("status", "seedName")?.string == seed)
                #expect(seedLabels == ["name.seed.gardener.cloud/\(seed ?? "")"], "\(Self.key(object)) seed label")
                if let binding = object.at("spec", "secretBindingName")?.string { expectObject("SecretBinding", namespace, binding, from: object) }
                if let binding = object.at("spec", "credentialsBindingName")?.string { expectObject("CredentialsBinding", namespace, binding, from: object) }
                let profile = object.at("spec", "cloudProfile")
                let profileKind = profile?["kind"]?.string ?? "CloudProfile"
                expectObject(profileKind, profileKind == "CloudProfile" ? "" : namespace, profile?["name"]?.string, from: object)
                #expect(objects.contains { $0["kind"]?.string == "Project" && $0.at("spec", "namespace")?.string == namespace })
            case "Seed":
                let name = object.at("metadata", "name")?.string ?? ""
                #expect(seedLabels.contains("name.seed.gardener.cloud/\(name)"), "\(Self.key(object)) own seed label")
            case "ManagedSeed":
                #expect(namespace == "garden")
                let shootName = object.at("spec", "shoot", "name")?.string
                expectObject("Shoot", "garden", shootName, from: object)
                expectObject("Seed", "", object.at("metadata", "name")?.string, from: object)
                let shoot = objects.first { Self.key($0) == "Shoot/garden/\(shootName ?? "")" }
                let parent = shoot?.at("spec", "seedName")?.string ?? ""
                #expect(seedLabels == ["name.seed.gardener.cloud/\(parent)"], "ManagedSeed carries its shoot's seed label")
                let child = seeds.first { $0.at("metadata", "name")?.string == object.at("metadata", "name")?.string }
                #expect(child?.at("metadata", "labels", "name.seed.gardener.cloud/\(parent)")?.string == "true", "child seed carries the parent label")
            case "SecretBinding":
                #expect(object.at("secretRef", "name")?.string?.isEmpty == false)
            case "CredentialsBinding":
                #expect(object.at("credentialsRef", "kind")?.string?.isEmpty == false)
            case "NamespacedCloudProfile":
                expectObject("CloudProfile", "", object.at("spec", "parent", "name")?.string, from: object)
            case "Project":
                expectObject("Namespace", "", object.at("spec", "namespace")?.string, from: object)
            case "BackupBucket":
                expectObject("Seed", "", object.at("spec", "seedName")?.string, from: object)
            case "BackupEntry":
                expectObject("BackupBucket", "", object.at("spec", "bucketName")?.string, from: object)
                expectObject("Seed", "", object.at("spec", "seedName")?.string, from: object)
                let owner = object.at("metadata", "ownerReferences")?.items.first { $0["kind"]?.string == "Shoot" }
                expectObject("Shoot", namespace, owner?["name"]?.string, from: object)
            case "ControllerInstallation":
                expectObject("ControllerRegistration", "", object.at("spec", "registrationRef", "name")?.string, from: object)
                expectObject("ControllerDeployment", "", object.at("spec", "deploymentRef", "name")?.string, from: object)
                expectObject("Seed", "", object.at("spec", "seedRef", "name")?.string, from: object)
            case "Bastion":
                expectObject("Seed", "", object.at("spec", "seedName")?.string, from: object)
                expectObject("Shoot", namespace, object.at("spec", "shootRef", "name")?.string, from: object)
            default:
                break
            }
        }
    }

    // Key orders kube-apiserver uses (Go struct order), checked against the captured fixtures below.
    static let referenceOrders: [String: [String]] = [
        "": ["kind", "apiVersion", "metadata", "spec", "status", "request"],
        "spec": ["resourceAttributes", "nonResourceAttributes", "user", "groups", "group", "extra", "uid"],
        "spec.resourceAttributes": ["namespace", "verb", "group", "version", "resource", "subresource", "name",
                                    "fieldSelector", "labelSelector"],
        "request": ["uid", "kind", "resource", "subResource", "requestKind", "requestResource", "requestSubResource",
                    "name", "namespace", "operation", "userInfo", "object", "oldObject", "dryRun", "options"],
        "request.userInfo": ["username", "uid", "groups", "extra"],
    ]

    /// Problems with the key order of a review body, compared with the reference orders.
    static func keyOrderProblems(_ value: JSONValue) -> [String] {
        var problems: [String] = []
        for (path, reference) in referenceOrders {
            var node: JSONValue? = value
            for key in path.split(separator: ".") { node = node?[String(key)] }
            guard let keys = node?.objectValue?.keys else { continue }
            let positions = keys.map { reference.firstIndex(of: $0) }
            if positions.contains(nil) || positions.compactMap({ $0 }) != positions.compactMap({ $0 }).sorted() {
                problems.append("\(path.isEmpty ? "top" : path): \(keys)")
            }
        }
        return problems
    }

    @Test func referenceKeyOrdersAreThoseOfTheCapturedFixtures() throws {
        let fixtures = try Self.files(in: Self.fixtures, ending: ".json")
        #expect(fixtures.count >= 20)
        for file in fixtures {
            let value = try JSONParser.parse(try String(contentsOf: file, encoding: .utf8))
            #expect(Self.keyOrderProblems(value) == [], "\(file.lastPathComponent)")
        }
    }

    @Test func reviewBodiesHaveTheShapeKubeAPIServerSends() throws {
        let files = try Self.files(in: Self.reviews, ending: ".json")
        #expect(files.filter { $0.lastPathComponent.hasPrefix("sar-") }.count >= 5)
        #expect(files.filter { $0.lastPathComponent.hasPrefix("admissionreview-") }.count >= 5)
        for file in files {
            let name = file.lastPathComponent
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1, "\(name): compact JSON and a trailing newline")
            let value = try JSONParser.parse(text)
            #expect(JSONWriter.string(value) + "\n" == text, "\(name): compact JSON")
            #expect(Self.keyOrderProblems(value) == [], "\(name)")
            if name.hasPrefix("sar-") {
                #expect(value["apiVersion"]?.stringValue == "authorization.k8s.io/v1")
                #expect(value["kind"]?.stringValue == "SubjectAccessReview")
                #expect(value["metadata"]?.objectValue?.isEmpty == true)
                #expect(value["status"] == .object(JSONObject(["allowed": .bool(false)])), "\(name): the request's status stanza")
                #expect(value[path: "spec", "groups"]?.arrayValue?.contains(.string("system:authenticated")) == true)
            } else {
                #expect(value["apiVersion"]?.stringValue == "admission.k8s.io/v1")
                #expect(value["kind"]?.stringValue == "AdmissionReview")
                let request = try #require(value["request"]?.objectValue)
                #expect(request["uid"]?.stringValue?.count == 36)
                #expect(request["dryRun"]?.boolValue != nil, "\(name): dryRun always present")
                #expect(request["oldObject"] != nil && request["object"] != nil, "\(name): object and oldObject present (null if not applicable)")
                let operation = request["operation"]?.stringValue
                #expect((operation == "CREATE") == (request["oldObject"]?.isNull == true), "\(name): oldObject is null exactly on CREATE")
            }
        }
    }
}
