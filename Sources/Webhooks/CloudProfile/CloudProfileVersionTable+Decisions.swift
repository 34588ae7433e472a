/// The questions the CloudProfile webhooks ask of a version table. Each answer is exact when it
/// says "nothing to do"; otherwise the caller decides on the documents with the full rules
/// (`CloudProfileValidator`, `CloudProfileMutator`), which also give the messages.
extension CloudProfileVersionTable {
    /// `VersionLifecycle.currentClassification`: 0 for unavailable, else a `Classification` raw value.
    func currentClassification(_ version: Version, at now: Timestamp) -> UInt8 {
        if version.stages.isEmpty {
            // A legacy version: its classification (supported by default) from Go's zero time,
            // then expired at its expiration date.
            if version.classification == nil && version.expirationDate == nil { return Classification.supported.rawValue }
            var current: UInt8 = Timestamp.goZero < now ? (version.classification ?? .supported).rawValue : 0
            if let expirationDate = version.expirationDate, expirationDate < now { current = Classification.expired.rawValue }
            return current
        }
        var current: UInt8 = 0
        // By index: a slice of `stages` would retain its buffer, once per version and question.
        for index in version.stages where (stages[index].startTime ?? .goZero) < now {
            current = stages[index].classification.rawValue
        }
        return current
    }

    /// `VersionIsActive`.
    func isActive(_ version: Version, at now: Timestamp) -> Bool {
        let current = currentClassification(version, at: now)
        return current != 0 && current != Classification.expired.rawValue
    }

    // MARK: Validation

    /// True when `CloudProfileValidator.validateCloudProfile` reports nothing. A legacy version
    /// that is supported now is left to the full rules (they compare it with its minor's others).
    func passesCloudProfileRules(lifecycleEnabled: Bool, now: Timestamp) -> Bool {
        guard !kubernetes.isEmpty, passesKubernetesVersionRules(lifecycleEnabled: lifecycleEnabled) else { return false }
        // The latest version (the first of equals) has neither an expiration date nor a last stage expired.
        var latest = kubernetes.lowerBound
        for index in kubernetes.dropFirst() {
            guard let numbers = versions[index].numbers, let best = versions[latest].numbers else { return false }
            if best < numbers { latest = index }
        }
        if versions[latest].expirationDate != nil || versions[latest].stages.last.map({ stages[$0].classification }) == .expired { return false }
        for version in versions {
            if version.classification != nil, currentClassification(version, at: now) == Classification.supported.rawValue { return false }
        }
        for image in images {
            for index in image.versions where !passesExpirableVersionRules(versions[index], lifecycleEnabled: lifecycleEnabled) {
                return false
            }
        }
        return true
    }

    /// True when `validateCloudProfileUpdate` reports nothing beyond `passesCloudProfileRules`:
    /// no version is unavailable now, so none can have been turned unavailable.
    func passesCloudProfileUpdateRules(lifecycleEnabled: Bool, now: Timestamp) -> Bool {
        guard passesCloudProfileRules(lifecycleEnabled: lifecycleEnabled, now: now) else { return false }
        return versions.allSatisfy { currentClassification($0, at: now) != 0 }
    }

    /// True when `validateNamespacedCloudProfile` reports nothing.
    func passesNamespacedCloudProfileRules(lifecycleEnabled: Bool) -> Bool {
        guard hasKubernetes else { return true }
        guard versions[kubernetes].allSatisfy({ $0.classification == nil }) else { return false }
        return passesKubernetesVersionRules(lifecycleEnabled: lifecycleEnabled)
    }

    /// `validateKubernetesVersions`: `x.y.z`, no duplicates, each version's lifecycle.
    private func passesKubernetesVersionRules(lifecycleEnabled: Bool) -> Bool {
        for index in kubernetes {
            let version = versions[index]
            guard version.numbers != nil, passesExpirableVersionRules(version, lifecycleEnabled: lifecycleEnabled) else { return false }
        }
        return !hasDuplicateText(kubernetes)
    }

    /// Whether two versions in `range` have the same text. Versions with equal text have equal
    /// numbers, so only those are compared.
    private func hasDuplicateText(_ range: Range<Int>) -> Bool {
        if range.count < 2 { return false }
        // On the stack for the usual few dozen versions.
        return withUnsafeTemporaryAllocation(of: (numbers: (UInt64, UInt64, UInt64), index: Int).self, capacity: range.count) { buffer in
            var keyed = buffer  // the same memory, sorted in place below
            for (slot, index) in range.enumerated() {
                // Plain integers: nothing to deinitialize when leaving early.
                guard let numbers = versions[index].numbers else { return true }
                keyed.initializeElement(at: slot, to: (numbers, index))
            }
            keyed.sort { $0.numbers < $1.numbers }
            for i in keyed.indices.dropFirst() where keyed[i - 1].numbers == keyed[i].numbers {
                if sameText(versions[keyed[i - 1].index].text, versions[keyed[i].index].text) { return true }
            }
            return false
        }
    }

    /// `validateExpirableVersion` reports nothing.
    func passesExpirableVersionRules(_ version: Version, lifecycleEnabled: Bool) -> Bool {
        let lifecycle = version.stages
        if !lifecycle.isEmpty && !lifecycleEnabled { return false }
        if !version.hasLifecycleField && version.classification == .expired { return false }
        if (version.classification != nil || version.expirationDate != nil) && !lifecycle.isEmpty { return false }
        var previous: Stage?
        for index in lifecycle {
            let stage = stages[index]
            guard let before = previous else {
                previous = stage
                continue
            }
            // Strictly increasing classifications: in order and no duplicates.
            guard before.classification.rawValue < stage.classification.rawValue else { return false }
            // Only the first start time may be absent; start times never decrease.
            guard let start = stage.startTime, !(start < (before.startTime ?? .goZero)) else { return false }
            previous = stage
        }
        return true
    }

    // MARK: Mutation

    /// Whether a version still has the legacy fields (what the migration rewrites, when enabled).
    var hasLegacyVersions: Bool {
        versions.contains { $0.stages.isEmpty && ($0.classification != nil || $0.expirationDate != nil) }
    }

    /// Whether the create or update strategy could drop a version: a Kubernetes version not
    /// active, or a machine-image version expired (CloudProfile) or not active (NamespacedCloudProfile).
    func hasVersionsToDrop(kind: CloudProfileKind, now: Timestamp) -> Bool {
        for index in kubernetes where !isActive(versions[index], at: now) { return true }
        for image in images {
            // A NamespacedCloudProfile also loses an image left without versions (and without
            // an update strategy, which this table does not read).
            if kind == .namespacedCloudProfile && image.versions.isEmpty { return true }
            for version in versions[image.versions] {
                switch kind {
                case .cloudProfile where currentClassification(version, at: now) == Classification.expired.rawValue: return true
                case .namespacedCloudProfile where !isActive(version, at: now): return true
                default: continue
                }
            }
        }
        return false
    }
}
