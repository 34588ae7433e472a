import JSON

/// The edits the mutating webhook makes to a (Namespaced)CloudProfile document. Each works on
/// the JSON document, so members it does not touch stay exactly as they came; each is
/// idempotent (applied to its own output it changes nothing).
public struct CloudProfileMutator: Sendable {
    public var settings: CloudProfileSettings

    public init(settings: CloudProfileSettings = CloudProfileSettings()) {
        self.settings = settings
    }

    // MARK: Legacy classification → lifecycle (B.4 step 1)

    /// Rewrites every legacy version (`classification` and/or `expirationDate`, no lifecycle)
    /// into the lifecycle Gardener derives from it, removing the legacy members. Versions the
    /// validation would refuse as they are (`classification: expired`, unknown values, a
    /// classification on a NamespacedCloudProfile's Kubernetes version) are left for it to refuse.
    /// Returns the paths of the rewritten versions.
    public func migrateLegacyClassification(_ object: inout JSONValue, kind: CloudProfileKind) -> [FieldPath] {
        guard settings.migrateLegacyClassification, settings.versionClassificationLifecycle else { return [] }
        var migrated: [FieldPath] = []
        let kubernetesPath = kind == .namespacedCloudProfile ? FieldPath("spec.kubernetes") : FieldPath("spec", "kubernetes")
        object.edit("spec", "kubernetes", "versions") { versions in
            versions.editElements { index, version in
                if Self.migrate(&version, allowClassification: kind == .cloudProfile) {
                    migrated.append(kubernetesPath.child("versions").index(index))
                }
            }
        }
        object.edit("spec", "machineImages") { images in
            images.editElements { imageIndex, image in
                image.edit("versions") { versions in
                    versions.editElements { index, version in
                        if Self.migrate(&version, allowClassification: true) {
                            migrated.append(FieldPath("spec", "machineImages").index(imageIndex).child("versions").index(index))
                        }
                    }
                }
            }
        }
        return migrated
    }

    private static func migrate(_ version: inout JSONValue, allowClassification: Bool) -> Bool {
        guard let members = version.objectValue?.members else { return false }
        let value = { (key: String) in members.first { $0.key == key }?.value }
        let hasLifecycle: Bool
        switch value("lifecycle") {
        case nil, .null?: hasLifecycle = false
        case .array(let stages)?: hasLifecycle = !stages.isEmpty
        default: return false
        }
        let classification = value("classification").flatMap { $0.isNull ? nil : $0 }
        let expiration = value("expirationDate").flatMap { $0.isNull ? nil : $0 }
        guard !hasLifecycle, classification != nil || expiration != nil else { return false }
        if let classification {
            guard allowClassification, let text = classification.stringValue,
                  VersionClassification(text).isValidInSpec, VersionClassification(text) != .expired else { return false }
        }
        if let expiration {
            guard let text = expiration.stringValue, Timestamp(rfc3339: text) != nil else { return false }
        }
        var stages: [JSONValue] = [.object(JSONObject(["classification": classification ?? .string("supported")]))]
        if let expiration {
            stages.append(.object(JSONObject(["classification": .string("expired"), "startTime": expiration])))
        }
        var result: [JSONMember] = []
        var placed = false
        for member in members {
            switch member.key {
            case "classification", "expirationDate", "lifecycle":
                if !placed {
                    result.append(JSONMember(key: "lifecycle", value: .array(stages)))
                    placed = true
                }
            default:
                result.append(member)
            }
        }
        version = .object(JSONObject(result))
        return true
    }

    // MARK: Dropping inactive versions (B.5)

    /// Which versions (and, for a NamespacedCloudProfile, machine images) the create strategy drops.
    public struct InactiveVersions: Sendable, Equatable {
        public var kubernetes = Set<Int>()
        /// Machine image index → indexes of its versions to drop.
        public var imageVersions: [Int: Set<Int>] = [:]
        public var images = Set<Int>()
        /// One description per dropped version, e.g. `spec.kubernetes.versions[0] (1.28.0, expired)`.
        public var descriptions: [String] = []

        public var isEmpty: Bool { kubernetes.isEmpty && imageVersions.isEmpty && images.isEmpty }
    }

    /// gardener-apiserver's create strategy: a CloudProfile loses its Kubernetes versions that
    /// are expired or unavailable and its machine-image versions that are expired; a
    /// NamespacedCloudProfile loses inactive versions of both that `old` (its previous state on
    /// UPDATE) did not have, and machine images left without versions and update strategy.
    public func inactiveVersions(in spec: CloudProfileSpec, kind: CloudProfileKind, old: CloudProfileSpec?, now: Timestamp) -> InactiveVersions {
        var result = InactiveVersions()
        let oldKubernetes = Set(old?.kubernetesVersions.map(\.version) ?? [])
        var oldImages = Set<String>()
        for image in old?.machineImages ?? [] {
            for version in image.versions { oldImages.insert(image.name + "\u{0}" + version.version) }
        }
        func describe(_ path: FieldPath, _ version: ExpirableVersion) -> String {
            "\(path) (\(version.version), \(VersionLifecycle.currentClassification(of: version, at: now)))"
        }
        for (i, version) in spec.kubernetesVersions.enumerated() where !VersionLifecycle.isActive(version, at: now) {
            if kind == .namespacedCloudProfile && oldKubernetes.contains(version.version) { continue }
            result.kubernetes.insert(i)
            result.descriptions.append(describe(FieldPath("spec", "kubernetes", "versions").index(i), version))
        }
        for (i, image) in spec.machineImages.enumerated() {
            var remove = Set<Int>()
            for (j, version) in image.versions.enumerated() {
                switch kind {
                case .cloudProfile:
                    guard VersionLifecycle.isExpired(version, at: now) else { continue }
                case .namespacedCloudProfile:
                    guard !VersionLifecycle.isActive(version, at: now), !oldImages.contains(image.name + "\u{0}" + version.version) else { continue }
                }
                remove.insert(j)
                result.descriptions.append(describe(FieldPath("spec", "machineImages").index(i).child("versions").index(j), version))
            }
            if !remove.isEmpty { result.imageVersions[i] = remove }
            if kind == .namespacedCloudProfile && remove.count == image.versions.count && !image.hasUpdateStrategy {
                result.images.insert(i)
            }
        }
        return result
    }

    /// Drops what `inactiveVersions` finds from the document; returns the descriptions.
    public func dropInactiveVersions(_ object: inout JSONValue, kind: CloudProfileKind, old: CloudProfileSpec?,
                                     now: Timestamp) throws(CloudProfileDecodeError) -> [String] {
        let drop = inactiveVersions(in: try CloudProfileSpec(object: object), kind: kind, old: old, now: now)
        if !drop.kubernetes.isEmpty {
            object.edit("spec", "kubernetes", "versions") { $0.removeElements(at: drop.kubernetes) }
        }
        if !drop.imageVersions.isEmpty || !drop.images.isEmpty {
            object.edit("spec", "machineImages") { images in
                images.editElements { index, image in
                    if let remove = drop.imageVersions[index] { image.edit("versions") { $0.removeElements(at: remove) } }
                }
                images.removeElements(at: drop.images)
            }
        }
        return drop.descriptions
    }

    // MARK: Status (B.4, B.5)

    /// What the gardener-controller-manager's CloudProfile controller writes: for each version of
    /// `spec`, in spec order, its classification at `now`. Other status members are kept, and a
    /// status that already says the same (in any member order) is left as it is.
    private func equivalent(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.isEquivalent(to: b)
    }

    public func setStatus(_ object: inout JSONValue, from spec: CloudProfileSpec, now: Timestamp) {
        func entries(_ versions: [ExpirableVersion]) -> JSONValue {
            .array(versions.map { version in
                .object(JSONObject([
                    "version": .string(version.version),
                    "classification": .string(VersionLifecycle.currentClassification(of: version, at: now).rawValue),
                ]))
            })
        }
        let kubernetes: JSONValue? = spec.kubernetesVersions.isEmpty ? nil : .object(JSONObject(["versions": entries(spec.kubernetesVersions)]))
        let images: JSONValue? = spec.machineImages.isEmpty ? nil : .array(spec.machineImages.map { image in
            var entry = JSONObject(["name": .string(image.name)])
            if !image.versions.isEmpty { entry["versions"] = entries(image.versions) }
            return .object(entry)
        })
        var status = object["status"]?.objectValue ?? JSONObject()
        let before = status
        if !equivalent(status["kubernetes"], kubernetes) { status["kubernetes"] = kubernetes }
        if !equivalent(status["machineImages"], images) { status["machineImages"] = images }
        if status != before || (object["status"] == nil && !status.isEmpty) {
            object["status"] = .object(status)
        }
    }
}
