import JSON

/// `POST /webhooks/mutate/cloudprofiles`:
/// * CREATE: legacy classifications rewritten into lifecycles (when enabled), then inactive
///   versions dropped as gardener-apiserver's create strategy drops them (B.5), and `status`
///   cleared;
/// * UPDATE: legacy rewrite; a NamespacedCloudProfile also loses newly added inactive versions
///   (its update strategy does the same);
/// * UPDATE of `cloudprofiles/status`: `status` set to each version's current classification (B.4),
///   derived from the stored spec.
///
/// Most requests need no change; the raw path (`RawAdmissionWebhook`) finds that out from the
/// request bytes, and the documents are built only to edit them.
public struct CloudProfileMutationWebhook: RawAdmissionWebhook {
    public let name = "mutate-cloudprofiles"
    public let path = "/webhooks/mutate/cloudprofiles"
    public let mutating = true

    public var settings: CloudProfileSettings
    public var clock: @Sendable () -> Timestamp

    public init(settings: CloudProfileSettings = CloudProfileSettings(), clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.settings = settings
        self.clock = clock
    }

    func summarize<Reader: JSONPullReader>(_ reader: inout Reader) throws -> CloudProfileVersionTable {
        try CloudProfileVersionTable.read(&reader)
    }

    /// `.allowed` when `admit(_:)` would change nothing; nil when it might (or when only it can
    /// say what is wrong with the object).
    func admit(raw: RawAdmissionRequest<CloudProfileVersionTable>) throws -> AdmissionOutcome? {
        // Another kind is answered on the documents, which name it.
        guard let kind = CloudProfileKind(raw) else { return nil }
        guard raw.operation == .create || raw.operation == .update else { return .allowed }
        guard let object = raw.object else { return .undecodable("request.object is missing") }
        if raw.subResourceIs("status") { return kind == .cloudProfile ? nil : .allowed }
        guard raw.subResourceIs("") else { return .allowed }
        guard case .success(let table) = object else { return nil }
        if settings.migrateLegacyClassification && settings.versionClassificationLifecycle && table.hasLegacyVersions { return nil }
        switch (raw.operation, kind) {
        case (.create, _):
            if table.hasStatus || table.hasVersionsToDrop(kind: kind, now: clock()) { return nil }
        case (.update, .namespacedCloudProfile):
            // The update strategy reads the old object too (and fails on one it cannot read).
            if case .failure? = raw.oldObject { return nil }
            if table.hasVersionsToDrop(kind: kind, now: clock()) { return nil }
        default:
            break
        }
        return .allowed
    }

    public func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome {
        guard let kind = CloudProfileKind(request) else { return CloudProfileKind.unexpected(request) }
        guard request.operation == .create || request.operation == .update else { return .allowed }
        guard var object = request.object else { return .undecodable("request.object is missing") }
        guard object.objectValue != nil else { return .undecodable("cannot decode \(kind.rawValue): the object must be a JSON object") }
        let mutator = CloudProfileMutator(settings: settings)
        let now = clock()
        do {
            if request.subResource == "status" {
                // Only a CloudProfile's status lists classifications; the apiserver keeps the stored
                // spec on a status update, so that is what the status describes.
                guard kind == .cloudProfile else { return .allowed }
                let spec = try CloudProfileSpec(object: request.oldObject ?? object)
                mutator.setStatus(&object, from: spec, now: now)
                return .patched(object: object, warnings: [])
            }
            guard request.subResource.isEmpty else { return .allowed }
            var warnings: [String] = []
            let migrated = mutator.migrateLegacyClassification(&object, kind: kind)
            if !migrated.isEmpty {
                warnings.append("legacy classification/expirationDate rewritten into lifecycle: " + migrated.map(\.description).joined(separator: ", "))
            }
            var dropped: [String] = []
            switch (request.operation, kind) {
            case (.create, _):
                dropped = try mutator.dropInactiveVersions(&object, kind: kind, old: nil, now: now)
                object["status"] = nil
            case (.update, .namespacedCloudProfile):
                let old = try request.oldObject.map { (old) throws(CloudProfileDecodeError) in try CloudProfileSpec(object: old) }
                dropped = try mutator.dropInactiveVersions(&object, kind: kind, old: old, now: now)
            default:
                break
            }
            if !dropped.isEmpty {
                warnings.append("inactive versions dropped: " + dropped.joined(separator: ", "))
            }
            return .patched(object: object, warnings: warnings)
        } catch {
            return .undecodable("cannot decode \(kind.rawValue): \(error)")
        }
    }
}
