import JSON

/// `POST /webhooks/validate/cloudprofiles`: gardener-apiserver's version-lifecycle validation
/// (B.3) for CloudProfiles and NamespacedCloudProfiles on CREATE and UPDATE. Most reviews are
/// allowed straight from the request bytes (`RawAdmissionWebhook`, version tables); denials and
/// anything unusual are decided by `admit(_:)` on the documents, with the messages.
public struct CloudProfileValidationWebhook: RawAdmissionWebhook {
    public let name = "validate-cloudprofiles"
    public let path = "/webhooks/validate/cloudprofiles"
    public let mutating = false

    public var settings: CloudProfileSettings
    /// The time the rules are evaluated at; the system clock unless a test or the CLI sets one.
    public var clock: @Sendable () -> Timestamp

    public init(settings: CloudProfileSettings = CloudProfileSettings(), clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.settings = settings
        self.clock = clock
    }

    public func admit(_ request: AdmissionRequest) throws -> AdmissionOutcome {
        decide(request, object: request.object, oldObject: request.oldObject)
    }

    func summarize<Reader: JSONPullReader>(_ reader: inout Reader) throws -> CloudProfileVersionTable {
        try CloudProfileVersionTable.read(&reader)
    }

    /// Allowed when the version tables pass every rule; otherwise (a denial, or anything the
    /// tables do not hold) the documents decide.
    func admit(raw: RawAdmissionRequest<CloudProfileVersionTable>) throws -> AdmissionOutcome? {
        // Another kind is answered on the documents, which name it.
        guard let kind = CloudProfileKind(raw) else { return nil }
        guard raw.operation == .create || raw.operation == .update, raw.subResourceIs("") else { return .allowed }
        guard case .success(let table)? = raw.object else { return nil }
        let lifecycleEnabled = settings.versionClassificationLifecycle
        switch kind {
        case .namespacedCloudProfile:
            return table.passesNamespacedCloudProfileRules(lifecycleEnabled: lifecycleEnabled) ? .allowed : nil
        case .cloudProfile where raw.operation == .update:
            guard case .success? = raw.oldObject else { return nil }
            return table.passesCloudProfileUpdateRules(lifecycleEnabled: lifecycleEnabled, now: clock()) ? .allowed : nil
        case .cloudProfile:
            return table.passesCloudProfileRules(lifecycleEnabled: lifecycleEnabled, now: clock()) ? .allowed : nil
        }
    }

    private func decide(_ request: AdmissionRequest, object: JSONValue?, oldObject: JSONValue?) -> AdmissionOutcome {
        guard let kind = CloudProfileKind(request) else { return CloudProfileKind.unexpected(request) }
        // DELETE/CONNECT carry nothing to validate; a status update keeps the stored spec and
        // Gardener validates nothing in the status (`ValidateCloudProfileStatusUpdate`).
        guard request.operation == .create || request.operation == .update, request.subResource.isEmpty else { return .allowed }
        guard let object else { return .undecodable("request.object is missing") }
        let validator = CloudProfileValidator(lifecycleEnabled: settings.versionClassificationLifecycle)
        do {
            let spec = try CloudProfileSpec(object: object)
            switch kind {
            case .namespacedCloudProfile:
                return .validated(validator.validateNamespacedCloudProfile(spec))
            case .cloudProfile where request.operation == .update:
                guard let oldObject else { return .undecodable("request.oldObject is missing for UPDATE") }
                return .validated(validator.validateCloudProfileUpdate(spec, old: try CloudProfileSpec(object: oldObject), now: clock()))
            case .cloudProfile:
                return .validated(validator.validateCloudProfile(spec, now: clock()))
            }
        } catch {
            return .undecodable("cannot decode \(kind.rawValue): \(error)")
        }
    }
}
