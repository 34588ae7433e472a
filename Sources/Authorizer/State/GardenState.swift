import JSON

/// The objects of a garden that create edges, keyed by kind/namespace/name, with the values that
/// depend on other objects (managed issuer secret names, bootstrap allowance) resolved.
///
/// A new state is turned into graph updates by `events(from:)`: the per-object difference against
/// the previous state, delivered as an informer would (add, update with old and new, delete), so
/// the graph is updated incrementally and never rebuilt.
public struct GardenState: Sendable {
    public struct Key: Hashable, Sendable, Comparable {
        public var kind: Kind
        public var namespace: String
        public var name: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.kind.rawValue, lhs.namespace, lhs.name) < (rhs.kind.rawValue, rhs.namespace, rhs.name)
        }
    }

    /// The kinds with graph handlers, in the order their additions and updates are applied
    /// (deletions go first, in reverse order). Seeds precede ManagedSeeds, bindings precede Shoots.
    public enum Kind: Int, Sendable, CaseIterable, Comparable {
        case seed, project, secretBinding, credentialsBinding, shoot, managedSeed, gardenlet, backupBucket,
             backupEntry, bastion, controllerDeployment, controllerInstallation, certificateSigningRequest,
             serviceAccount

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public private(set) var objects: [Key: GardenObject] = [:]
    /// Namespace name → its `project.gardener.cloud/name` label.
    public private(set) var namespaceProjects: [String: String] = [:]

    public init() {}

    /// Builds a state from manifests' objects; objects of other kinds are ignored. `now` (seconds
    /// since 1970) decides whether a client certificate has expired.
    public init(objects manifests: [JSONValue], now: Double) throws(StateError) {
        for (index, object) in manifests.enumerated() {
            guard object.objectValue != nil else { throw StateError("object \(index + 1) is not a JSON object") }
            let apiVersion = object.string("apiVersion")
            let group = apiVersion.split(separator: "/", maxSplits: 1).count == 2
                ? String(apiVersion.split(separator: "/", maxSplits: 1)[0]) : ""
            let kind = object.string("kind")
            if group.isEmpty, kind == "Namespace" {
                if let project = object.label("project.gardener.cloud/name") {
                    namespaceProjects[object.metadataName] = project
                }
                continue
            }
            guard let decoded = Self.decode(group: group, kind: kind, object) else { continue }
            guard !object.metadataName.isEmpty else {
                throw StateError("object \(index + 1) (\(kind)): metadata.name is missing")
            }
            objects[Key(kind: decoded.0, namespace: object.metadataNamespace, name: object.metadataName)] = decoded.1
        }
        resolve(now: now)
    }

    /// A state of already decoded objects (tests, benchmarks).
    public init(_ gardenObjects: [GardenObject], namespaceProjects: [String: String] = [:], now: Double) {
        self.namespaceProjects = namespaceProjects
        for object in gardenObjects { objects[Self.key(of: object)] = object }
        resolve(now: now)
    }

    private static func decode(group: String, kind: String, _ object: JSONValue) -> (Kind, GardenObject)? {
        switch (group, kind) {
        case ("core.gardener.cloud", "Seed"): (.seed, .seed(SeedReferences(object)))
        case ("core.gardener.cloud", "Shoot"): (.shoot, .shoot(ShootReferences(object)))
        case ("core.gardener.cloud", "Project"): (.project, .project(ProjectReferences(object)))
        case ("core.gardener.cloud", "SecretBinding"): (.secretBinding, .secretBinding(SecretBindingReferences(object)))
        case ("security.gardener.cloud", "CredentialsBinding"):
            (.credentialsBinding, .credentialsBinding(CredentialsBindingReferences(object)))
        case ("core.gardener.cloud", "BackupBucket"): (.backupBucket, .backupBucket(BackupBucketReferences(object)))
        case ("core.gardener.cloud", "BackupEntry"): (.backupEntry, .backupEntry(BackupEntryReferences(object)))
        case ("operations.gardener.cloud", "Bastion"): (.bastion, .bastion(BastionReferences(object)))
        case ("core.gardener.cloud", "ControllerDeployment"):
            (.controllerDeployment, .controllerDeployment(ControllerDeploymentReferences(object)))
        case ("core.gardener.cloud", "ControllerInstallation"):
            (.controllerInstallation, .controllerInstallation(ControllerInstallationReferences(object)))
        case ("seedmanagement.gardener.cloud", "ManagedSeed"): (.managedSeed, .managedSeed(ManagedSeedReferences(object)))
        case ("seedmanagement.gardener.cloud", "Gardenlet"): (.gardenlet, .gardenlet(GardenletReferences(object)))
        case ("certificates.k8s.io", "CertificateSigningRequest"):
            (.certificateSigningRequest, .certificateSigningRequest(CertificateSigningRequestReferences(object)))
        case ("", "ServiceAccount"): (.serviceAccount, .serviceAccount(ServiceAccountReferences(object)))
        default: nil
        }
    }

    static func key(of object: GardenObject) -> Key {
        switch object {
        case .seed(let r): Key(kind: .seed, namespace: "", name: r.name)
        case .shoot(let r): Key(kind: .shoot, namespace: r.namespace, name: r.name)
        case .project(let r): Key(kind: .project, namespace: "", name: r.name)
        case .secretBinding(let r): Key(kind: .secretBinding, namespace: r.namespace, name: r.name)
        case .credentialsBinding(let r): Key(kind: .credentialsBinding, namespace: r.namespace, name: r.name)
        case .backupBucket(let r): Key(kind: .backupBucket, namespace: "", name: r.name)
        case .backupEntry(let r): Key(kind: .backupEntry, namespace: r.namespace, name: r.name)
        case .bastion(let r): Key(kind: .bastion, namespace: r.namespace, name: r.name)
        case .controllerDeployment(let r): Key(kind: .controllerDeployment, namespace: "", name: r.name)
        case .controllerInstallation(let r): Key(kind: .controllerInstallation, namespace: "", name: r.name)
        case .managedSeed(let r): Key(kind: .managedSeed, namespace: r.namespace, name: r.name)
        case .gardenlet(let r): Key(kind: .gardenlet, namespace: r.namespace, name: r.name)
        case .certificateSigningRequest(let r): Key(kind: .certificateSigningRequest, namespace: "", name: r.name)
        case .serviceAccount(let r): Key(kind: .serviceAccount, namespace: r.namespace, name: r.name)
        }
    }

    /// Fills in what handlers would look up in the garden at the time they run: the project of a
    /// shoot's namespace (managed issuer) and the Seed of a ManagedSeed or Gardenlet (bootstrapping).
    private mutating func resolve(now: Double) {
        for (key, object) in objects {
            switch object {
            case .shoot(var shoot):
                let project = shoot.managedIssuer ? namespaceProjects[shoot.namespace] : nil
                shoot.managedIssuerSecret = project.map { "\($0)--\(shoot.uid)" }
                objects[key] = .shoot(shoot)
            case .managedSeed(var managedSeed):
                managedSeed.resolve(seed: seed(named: managedSeed.name), now: now)
                objects[key] = .managedSeed(managedSeed)
            case .gardenlet(var gardenlet):
                gardenlet.resolve(seed: seed(named: gardenlet.name), now: now)
                objects[key] = .gardenlet(gardenlet)
            default:
                break
            }
        }
    }

    private func seed(named name: String) -> SeedReferences? {
        if case .seed(let seed)? = objects[Key(kind: .seed, namespace: "", name: name)] { return seed }
        return nil
    }

    public var count: Int { objects.count }

    /// The graph updates that turn `previous` into this state.
    public func events(from previous: GardenState) -> [GraphEvent] {
        var deletions: [(Key, GardenObject)] = []
        for (key, object) in previous.objects where objects[key] == nil { deletions.append((key, object)) }
        deletions.sort { $0.0.kind != $1.0.kind ? $0.0.kind > $1.0.kind : $0.0 < $1.0 }

        var changes: [(Key, GraphEvent)] = []
        var added: Set<Key> = []
        var touched: Set<Key> = []
        for (key, object) in objects {
            if let old = previous.objects[key] {
                guard old != object else { continue }
                changes.append((key, .updated(old: old, new: object)))
            } else {
                changes.append((key, .added(object)))
                added.insert(key)
            }
            touched.insert(key)
        }

        // Gardener re-runs the ManagedSeed handler of a Seed that was added, whose client
        // certificate expiration changed, or whose GardenletReady condition is Unknown.
        for (key, object) in objects {
            guard case .seed(let seed) = object else { continue }
            let trigger: Bool
            if case .seed(let old)? = previous.objects[key] {
                trigger = old != seed && (seed.gardenletReadyUnknown
                    || old.clientCertificateExpiration != seed.clientCertificateExpiration)
            } else {
                trigger = true
            }
            let managedSeedKey = Key(kind: .managedSeed, namespace: "garden", name: seed.name)
            if trigger, !touched.contains(managedSeedKey), let managedSeed = objects[managedSeedKey] {
                changes.append((managedSeedKey, .reconcile(managedSeed)))
                touched.insert(managedSeedKey)
            }
        }

        // A binding that was (re-)created lost its edges to shoots when it was deleted; Gardener's
        // Shoot update handler restores them (`hasExpectedShootBindingEdges`).
        let addedBindings = added.filter { $0.kind == .secretBinding || $0.kind == .credentialsBinding }
        if !addedBindings.isEmpty {
            for (key, object) in objects where !touched.contains(key) {
                guard case .shoot(let shoot) = object else { continue }
                let secretBinding = shoot.secretBindingName.map { Key(kind: .secretBinding, namespace: shoot.namespace, name: $0) }
                let credentialsBinding = shoot.credentialsBindingName.map {
                    Key(kind: .credentialsBinding, namespace: shoot.namespace, name: $0)
                }
                if secretBinding.map(addedBindings.contains) == true || credentialsBinding.map(addedBindings.contains) == true {
                    changes.append((key, .updated(old: object, new: object)))
                }
            }
        }

        changes.sort { $0.0 < $1.0 }
        var events: [GraphEvent] = []
        events.reserveCapacity(deletions.count + changes.count)
        for (_, object) in deletions { events.append(.deleted(object)) }
        for (_, event) in changes { events.append(event) }
        return events
    }
}
