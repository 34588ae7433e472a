/// `POST /webhooks/validate/cloudprofiles`: gardener-apiserver's version-lifecycle validation
/// (B.3) for CloudProfiles and NamespacedCloudProfiles on CREATE and UPDATE.
public struct CloudProfileValidationWebhook: AdmissionWebhook {
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
        guard let kind = CloudProfileKind(request) else { return CloudProfileKind.unexpected(request) }
        // DELETE/CONNECT carry nothing to validate; a status update keeps the stored spec and
        // Gardener validates nothing in the status (`ValidateCloudProfileStatusUpdate`).
        guard request.operation == .create || request.operation == .update, request.subResource.isEmpty else { return .allowed }
        guard let object = request.object else { return .undecodable("request.object is missing") }
        let validator = CloudProfileValidator(lifecycleEnabled: settings.versionClassificationLifecycle)
        do {
            let spec = try CloudProfileSpec(object: object)
            switch kind {
            case .namespacedCloudProfile:
                return .validated(validator.validateNamespacedCloudProfile(spec))
            case .cloudProfile where request.operation == .update:
                guard let oldObject = request.oldObject else { return .undecodable("request.oldObject is missing for UPDATE") }
                let old = try CloudProfileSpec(object: oldObject)
                return .validated(validator.validateCloudProfileUpdate(spec, old: old, now: clock()))
            case .cloudProfile:
                return .validated(validator.validateCloudProfile(spec, now: clock()))
            }
        } catch {
            return .undecodable("cannot decode \(kind.rawValue): \(error)")
        }
    }
}
