/// A garden generated from counts, as `kubectl get -o json` lists, for benchmarks and tests.
///
/// * seeds `seed-0…`, each with a BackupBucket and a ControllerInstallation of the registration
///   `provider` (installed on every seed);
/// * projects `p0…` with namespaces `garden-p0…` and one SecretBinding each; project `p0` holds
///   `bigProjectShoots` shoots, the rest are spread evenly;
/// * shoots `s0…` on seed `i % seeds`, all using CloudProfile `aws` and ExposureClass `internet`;
/// * the extra seed `lonely` owns exactly one shoot (`garden-p0/lonely-shoot`), so high fan-out
///   checks (CloudProfile, ExposureClass, namespace, registration → `lonely`) must find one edge
///   among 100,000.
public struct SyntheticGarden: Sendable {
    public var seeds: Int
    public var shoots: Int
    public var projects: Int
    public var bigProjectShoots: Int

    public init(seeds: Int, shoots: Int, projects: Int? = nil, bigProjectShoots: Int? = nil) {
        self.seeds = max(1, seeds)
        self.shoots = max(1, shoots)
        self.projects = max(2, projects ?? shoots / 20)
        self.bigProjectShoots = min(self.shoots, bigProjectShoots ?? min(5_000, shoots / 4))
    }

    public func seedName(_ index: Int) -> String { "seed-\(index)" }
    public func shootName(_ index: Int) -> String { "s\(index)" }
    public func shootSeed(_ index: Int) -> String { seedName(index % seeds) }
    public func shootNamespace(_ index: Int) -> String {
        index < bigProjectShoots ? "garden-p0" : "garden-p\(1 + (index - bigProjectShoots) % (projects - 1))"
    }

    /// The manifest files: (file name, JSON text of a `kind: List`).
    public func manifests() -> [(name: String, text: String)] {
        var files: [(String, String)] = []
        files.append(("seeds.json", list((0..<seeds).map(seed) + [seed(name: "lonely")])))
        files.append(("projects.json", list((0..<projects).map(project))))
        files.append(("namespaces.json", list((0..<projects).map(namespace))))
        files.append(("secretbindings.json", list((0..<projects).map(secretBinding))))
        var shootObjects: [String] = []
        shootObjects.reserveCapacity(shoots + 1)
        for index in 0..<shoots { shootObjects.append(shoot(name: shootName(index), namespace: shootNamespace(index), seed: shootSeed(index))) }
        shootObjects.append(shoot(name: "lonely-shoot", namespace: "garden-p0", seed: "lonely"))
        files.append(("shoots.json", list(shootObjects)))
        files.append(("backupbuckets.json", list((0..<seeds).map(backupBucket))))
        files.append(("controllerinstallations.json",
                      list((0..<seeds).map { installation(name: "provider-\(seedName($0))", seed: seedName($0)) }
                           + [installation(name: "provider-lonely", seed: "lonely")])))
        return files
    }

    /// The same garden as decoded objects (no JSON), and the namespaces' project labels.
    public func objects() -> (objects: [GardenObject], namespaceProjects: [String: String]) {
        var objects: [GardenObject] = []
        objects.reserveCapacity(shoots + 3 * seeds + 3 * projects + 4)
        func seedObject(_ name: String) -> GardenObject {
            .seed(SeedReferences(name: name,
                                 backupCredentials: TypedReference(apiVersion: "v1", kind: "Secret", namespace: "garden", name: "backup-" + name),
                                 dnsProviderCredentials: TypedReference(apiVersion: "v1", kind: "Secret", namespace: "garden", name: "dns-" + name),
                                 clientCertificateExpiration: 4_070_908_800))
        }
        for index in 0..<seeds {
            objects.append(seedObject(seedName(index)))
            objects.append(.backupBucket(BackupBucketReferences(
                name: "bucket-\(index)", credentials: TypedReference(apiVersion: "v1", kind: "Secret", namespace: "garden",
                                                                     name: "backup-" + seedName(index)), seedName: seedName(index))))
            objects.append(.controllerInstallation(ControllerInstallationReferences(
                name: "provider-" + seedName(index), registrationName: "provider", seedName: seedName(index), deploymentName: "provider")))
        }
        objects.append(seedObject("lonely"))
        objects.append(.controllerInstallation(ControllerInstallationReferences(
            name: "provider-lonely", registrationName: "provider", seedName: "lonely", deploymentName: "provider")))
        var namespaceProjects: [String: String] = [:]
        for index in 0..<projects {
            objects.append(.project(ProjectReferences(name: "p\(index)", namespace: "garden-p\(index)")))
            objects.append(.secretBinding(SecretBindingReferences(namespace: "garden-p\(index)", name: "aws",
                                                                  secret: ObjectReference("garden-p\(index)", "aws-credentials"))))
            namespaceProjects["garden-p\(index)"] = "p\(index)"
        }
        func shootObject(_ name: String, _ namespace: String, _ seed: String) -> GardenObject {
            .shoot(ShootReferences(namespace: namespace, name: name, uid: "uid-" + name, secretBindingName: "aws",
                                   cloudProfile: CloudProfileReference(kind: "CloudProfile", name: "aws"),
                                   specSeedName: seed, statusSeedName: seed, exposureClassName: "internet"))
        }
        for index in 0..<shoots { objects.append(shootObject(shootName(index), shootNamespace(index), shootSeed(index))) }
        objects.append(shootObject("lonely-shoot", "garden-p0", "lonely"))
        return (objects, namespaceProjects)
    }

    private func list(_ items: [String]) -> String {
        #"{"apiVersion":"v1","kind":"List","items":["# + items.joined(separator: ",") + "]}"
    }

    private func seed(_ index: Int) -> String { seed(name: seedName(index)) }
    private func seed(name: String) -> String {
        #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"Seed","metadata":{"name":"\#(name)","labels":{"name.seed.gardener.cloud/\#(name)":"true"}},"spec":{"backup":{"provider":"aws","credentialsRef":{"apiVersion":"v1","kind":"Secret","namespace":"garden","name":"backup-\#(name)"}},"dns":{"provider":{"type":"aws-route53","credentialsRef":{"apiVersion":"v1","kind":"Secret","namespace":"garden","name":"dns-\#(name)"}}},"provider":{"type":"aws","region":"eu-west-1"}},"status":{"clientCertificateExpirationTimestamp":"2099-01-01T00:00:00Z","conditions":[{"type":"GardenletReady","status":"True"}]}}"#
    }
    private func project(_ index: Int) -> String {
        #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"Project","metadata":{"name":"p\#(index)"},"spec":{"namespace":"garden-p\#(index)"}}"#
    }
    private func namespace(_ index: Int) -> String {
        #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"garden-p\#(index)","labels":{"project.gardener.cloud/name":"p\#(index)"}}}"#
    }
    private func secretBinding(_ index: Int) -> String {
        #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"SecretBinding","metadata":{"name":"aws","namespace":"garden-p\#(index)"},"secretRef":{"name":"aws-credentials","namespace":"garden-p\#(index)"},"provider":{"type":"aws"}}"#
    }
    private func shoot(name: String, namespace: String, seed: String) -> String {
        #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"Shoot","metadata":{"name":"\#(name)","namespace":"\#(namespace)","uid":"uid-\#(name)","labels":{"name.seed.gardener.cloud/\#(seed)":"true"}},"spec":{"cloudProfile":{"kind":"CloudProfile","name":"aws"},"secretBindingName":"aws","exposureClassName":"internet","region":"eu-west-1","kubernetes":{"version":"1.33.2"},"provider":{"type":"aws","workers":[{"name":"worker","machine":{"type":"m5.large"},"minimum":1,"maximum":3}]},"seedName":"\#(seed)"},"status":{"seedName":"\#(seed)"}}"#
    }
    private func backupBucket(_ index: Int) -> String {
        #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"BackupBucket","metadata":{"name":"bucket-\#(index)"},"spec":{"provider":{"type":"aws","region":"eu-west-1"},"credentialsRef":{"apiVersion":"v1","kind":"Secret","namespace":"garden","name":"backup-\#(seedName(index))"},"seedName":"\#(seedName(index))"}}"#
    }
    private func installation(name: String, seed: String) -> String {
        #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"ControllerInstallation","metadata":{"name":"\#(name)"},"spec":{"registrationRef":{"name":"provider"},"deploymentRef":{"name":"provider"},"seedRef":{"name":"\#(seed)"}}}"#
    }
}
