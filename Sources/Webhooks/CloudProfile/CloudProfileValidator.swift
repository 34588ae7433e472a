/// The version-lifecycle rules gardener-apiserver applies to CloudProfiles and
/// NamespacedCloudProfiles (`pkg/api/core/validation/utils.go`, `cloudprofile.go`,
/// `namespacedcloudprofile.go`), with their field paths, messages and order. Rules about
/// other parts of the spec (regions, machine types, …) are not this webhook's concern.
public struct CloudProfileValidator: Sendable {
    /// The `VersionClassificationLifecycle` feature gate: whether `lifecycle` may be written.
    public var lifecycleEnabled: Bool

    public init(lifecycleEnabled: Bool = true) {
        self.lifecycleEnabled = lifecycleEnabled
    }

    // MARK: CloudProfile

    /// `ValidateCloudProfile`, restricted to versions: Kubernetes settings, then machine images.
    public func validateCloudProfile(_ spec: CloudProfileSpec, now: Timestamp) -> [FieldError] {
        var errors = validateKubernetesSettings(spec.kubernetesVersions, path: FieldPath("spec", "kubernetes"), now: now)
        let imagesPath = FieldPath("spec", "machineImages")
        for (i, image) in spec.machineImages.enumerated() {
            for (j, version) in image.versions.enumerated() {
                errors += validateSupportedVersionsConfiguration(version, among: image.versions, path: imagesPath.index(i).child("versions").index(j), now: now)
                errors += validateExpirableVersion(version, path: imagesPath.index(i).child("versions").index(j))
            }
        }
        return errors
    }

    /// `ValidateCloudProfileUpdate`: the new object's rules, then the rules comparing it with the old one.
    public func validateCloudProfileUpdate(_ new: CloudProfileSpec, old: CloudProfileSpec, now: Timestamp) -> [FieldError] {
        var errors = validateCloudProfile(new, now: now)
        errors += validateVersionsUpdate(new.kubernetesVersions, old: old.kubernetesVersions,
                                         path: FieldPath("spec", "kubernetes", "versions"), now: now)
        var oldImages: [String: CloudProfileSpec.MachineImage] = [:]
        for image in old.machineImages { oldImages[image.name] = image }
        for (i, image) in new.machineImages.enumerated() {
            guard let oldImage = oldImages[image.name] else { continue }
            errors += validateVersionsUpdate(image.versions, old: oldImage.versions,
                                             path: FieldPath("spec", "machineImages").index(i).child("versions"), now: now)
        }
        return errors
    }

    /// `validateCloudProfileKubernetesSettings`.
    func validateKubernetesSettings(_ versions: [ExpirableVersion], path: FieldPath, now: Timestamp) -> [FieldError] {
        var errors: [FieldError] = []
        if versions.isEmpty {
            errors.append(.required(path.child("versions"), "must provide at least one Kubernetes version"))
        }
        // The latest version by semantic version; the first of equal versions wins (GreaterThan).
        var latestIndex: Int?
        var latestSemver: SemanticVersion?
        var unparsable = versions.isEmpty
        for (index, version) in versions.enumerated() {
            guard let semver = SemanticVersion(version.version) else { unparsable = true; break }
            if latestSemver.map({ $0 < semver }) ?? true {
                latestIndex = index
                latestSemver = semver
            }
        }
        if unparsable {
            latestIndex = nil
            errors.append(.invalid(path.child("versions"), .string(""), "failed to determine the latest kubernetes version from the cloud profile"))
        }
        if let latestIndex {
            let latest = versions[latestIndex]
            if let expirationDate = latest.expirationDate {
                errors.append(.invalid(path.child("versions[]", "expirationDate"), .value(.string(expirationDate.rfc3339)),
                                       "expiration date of latest kubernetes version ('\(latest.version)') must not be set"))
            }
            if latest.lifecycle.last?.classification == .expired {
                errors.append(.invalid(path.child("versions[]", "lifecycle"), .value(latest.expirationDate.map { .string($0.rfc3339) } ?? .null),
                                       "classification expired of latest kubernetes version ('\(latest.version)') must not be set"))
            }
        }
        errors += validateKubernetesVersions(versions, path: path)
        for (i, version) in versions.enumerated() {
            errors += validateSupportedVersionsConfiguration(version, among: versions, path: path.child("versions").index(i), now: now)
        }
        return errors
    }

    /// `validateKubernetesVersions`: the `x.y.z` format, duplicates, then each version's lifecycle.
    func validateKubernetesVersions(_ versions: [ExpirableVersion], path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var found = Set<String>(minimumCapacity: versions.count)
        for (i, version) in versions.enumerated() {
            if !Self.isKubernetesVersion(version.version) {
                errors.append(.invalid(path.child("versions").index(i), .value(version.goInternalJSON), #"all Kubernetes versions must match the regex ^([0-9]+\.){2}[0-9]+$"#))
            } else if !found.insert(version.version).inserted {
                errors.append(.duplicate(path.child("versions").index(i).child("version"), .string(version.version)))
            }
            errors += validateExpirableVersion(version, path: path.child("versions").index(i))
        }
        return errors
    }

    /// `^([0-9]+\.){2}[0-9]+$`.
    static func isKubernetesVersion(_ text: String) -> Bool {
        var dots = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, dots < 2 else { return false }
                dots += 1
                digits = 0
            } else if byte &- UInt8(ascii: "0") < 10 {
                digits += 1
            } else {
                return false
            }
        }
        return dots == 2 && digits > 0
    }

    // MARK: One version's lifecycle

    /// `validateExpirableVersion`.
    /// The path is only built when there is an error to report.
    public func validateExpirableVersion(_ version: ExpirableVersion, path: @autoclosure () -> FieldPath) -> [FieldError] {
        if !version.lifecycle.isEmpty && !lifecycleEnabled {
            return [.forbidden(path().child("lifecycle"), "lifecycles are not allowed with disabled VersionClassificationLifecycle feature gate")]
        }
        var errors: [FieldError] = []
        if let classification = version.classification, !classification.isValidInSpec {
            errors.append(.notSupported(path().child("classification"), .value(.string(classification.rawValue)), supported: VersionClassification.specValues))
        }
        if !version.hasLifecycleField && version.classification == .expired {
            errors.append(.forbidden(path().child("classification"), "cannot specify `classification` expired"))
        }
        if (version.classification != nil || version.expirationDate != nil) && !version.lifecycle.isEmpty {
            errors.append(.forbidden(path(), "cannot specify `classification` or `expirationDate` in combination with `lifecycle`"))
        }
        if version.lifecycle.isEmpty { return errors }
        func lifecyclePath() -> FieldPath { path().child("lifecycle") }
        // Unsupported values.
        for (i, stage) in version.lifecycle.enumerated() where !stage.classification.isValidInSpec {
            errors.append(.notSupported(lifecyclePath().index(i).child("classification"), .value(.string(stage.classification.rawValue)),
                                        supported: VersionClassification.specValues))
        }
        // Duplicates (a lifecycle has a handful of stages: a scan beats hashing).
        for (i, stage) in version.lifecycle.enumerated()
        where version.lifecycle[..<i].contains(where: { $0.classification == stage.classification }) {
            errors.append(.duplicate(lifecyclePath().index(i).child("classification"), .value(.string(stage.classification.rawValue))))
        }
        // Order.
        for i in version.lifecycle.indices.dropFirst() {
            let previous = version.lifecycle[i - 1].classification
            let current = version.lifecycle[i].classification
            if previous.order > current.order {
                errors.append(.invalid(lifecyclePath().index(i).child("classification"), .value(.string(current.rawValue)),
                                       "lifecycle classifications not in expected order (preview, supported, deprecated, expired): \(current) must be before \(previous)"))
            }
        }
        // Start times: only the first may be absent (zero time); never decreasing, equal allowed.
        var previousStart: Timestamp?
        for (i, stage) in version.lifecycle.enumerated() {
            guard let previous = previousStart else {
                previousStart = stage.startTime ?? .goZero
                continue
            }
            guard let start = stage.startTime else {
                errors.append(.required(lifecyclePath().index(i), "only the leading lifecycle elements can have the start time optional"))
                continue
            }
            if start < previous {
                errors.append(.invalid(lifecyclePath().index(i), .string(start.goString), "lifecycle start times must be monotonically increasing"))
            }
            previousStart = start
        }
        return errors
    }

    // MARK: One supported version per minor (legacy only, gardener/gardener#14328)

    /// `validateSupportedVersionsConfiguration`: a version with the legacy `classification` that
    /// is supported now must not overlap another supported version of the same minor.
    func validateSupportedVersionsConfiguration(_ version: ExpirableVersion, among all: [ExpirableVersion],
                                                path: @autoclosure () -> FieldPath, now: Timestamp) -> [FieldError] {
        guard version.classification != nil, VersionLifecycle.currentClassification(of: version, at: now) == .supported,
              let current = SemanticVersion(version.version) else { return [] }
        var sameMinor: [ExpirableVersion] = []
        for other in all where other.classification == .supported || other.lifecycle.contains(where: { $0.classification == .supported }) {
            guard let semver = SemanticVersion(other.version) else { return [] }
            if semver == current || semver.major != current.major || semver.minor != current.minor { continue }
            sameMinor.append(other)
        }
        var errors: [FieldError] = []
        for other in sameMinor where Self.supportedVersionsOverlap(version, other) {
            errors.append(.forbidden(path(), "unable to add version \(goQuote(version.version)) with classification \"supported\". \"supported\" lifecycle stages must not overlap per minor version"))
        }
        return errors
    }

    /// `supportedVersionsOverlapping`; equal start times do not count as overlap.
    static func supportedVersionsOverlap(_ a: ExpirableVersion, _ b: ExpirableVersion) -> Bool {
        if a.lifecycle.isEmpty || b.lifecycle.isEmpty { return true }
        let supportedA = a.lifecycle.first { $0.classification == .supported }
        let supportedB = b.lifecycle.first { $0.classification == .supported }
        guard let supportedA, let supportedB else { return false }
        let nextA = a.lifecycle.first { $0.classification.order > VersionClassification.supported.order }
        let nextB = b.lifecycle.first { $0.classification.order > VersionClassification.supported.order }
        // metav1.Time.Before on pointers: false when either is nil.
        func before(_ x: Timestamp?, _ y: Timestamp?) -> Bool {
            guard let x, let y else { return false }
            return x < y
        }
        if nextA == nil && nextB == nil { return true }
        if nextA == nil, supportedA.startTime == nil || before(supportedA.startTime, nextB?.startTime) { return true }
        if nextB == nil, supportedB.startTime == nil || before(supportedB.startTime, nextA?.startTime) { return true }
        return false
    }

    // MARK: Update

    /// `ValidateCloudProfileExpirableVersionsUpdate`: a version that is not unavailable must not
    /// become unavailable.
    func validateVersionsUpdate(_ new: [ExpirableVersion], old: [ExpirableVersion], path: FieldPath, now: Timestamp) -> [FieldError] {
        var oldVersions: [String: ExpirableVersion] = [:]
        for version in old { oldVersions[version.version] = version }
        var errors: [FieldError] = []
        for (i, version) in new.enumerated() {
            guard let oldVersion = oldVersions[version.version] else { continue }
            if VersionLifecycle.currentClassification(of: oldVersion, at: now) != .unavailable,
               VersionLifecycle.currentClassification(of: version, at: now) == .unavailable {
                errors.append(.forbidden(path.index(i), "a version cannot be turned unavailable if it was already moved into a later lifecycle stage"))
            }
        }
        return errors
    }

    // MARK: NamespacedCloudProfile

    /// `validateNamespacedCloudProfileKubernetesVersions`. Gardener runs machine images of a
    /// NamespacedCloudProfile through `ValidateMachineImages`, which checks no lifecycle, and has
    /// no update rule for versions; neither does this.
    public func validateNamespacedCloudProfile(_ spec: CloudProfileSpec) -> [FieldError] {
        guard spec.hasKubernetes else { return [] }
        let path = FieldPath("spec.kubernetes")
        var errors: [FieldError] = []
        for (i, version) in spec.kubernetesVersions.enumerated() where version.classification != nil {
            errors.append(.forbidden(path.child("versions").index(i).child("classification"),
                                     "must not provide a classification to a Kubernetes version in NamespacedCloudProfile"))
        }
        errors += validateKubernetesVersions(spec.kubernetesVersions, path: path)
        return errors
    }
}
