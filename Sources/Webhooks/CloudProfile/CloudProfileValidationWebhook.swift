import JSON

/// `POST /webhooks/validate/cloudprofiles`: gardener-apiserver's version-lifecycle validation
/// (B.3) for CloudProfiles and NamespacedCloudProfiles on CREATE and UPDATE. It reads the
/// objects straight from the request bytes (`RawAdmissionWebhook`); `admit(_:)` decides the same
/// from documents.
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
        decide(request, object: request.object.map(Source.document), oldObject: request.oldObject.map(Source.document))
    }

    public func summarize(_ reader: inout JSONReader) throws -> CloudProfileSpec {
        try CloudProfileSpec.read(&reader)
    }

    public func admit(raw: RawAdmissionRequest<CloudProfileSpec>) throws -> AdmissionOutcome? {
        decide(raw.request, object: raw.object.map(Source.summary), oldObject: raw.oldObject.map(Source.summary))
    }

    /// Where an object comes from: a parsed document, or the spec read from the request bytes.
    private enum Source {
        case document(JSONValue)
        case summary(Result<CloudProfileSpec, any Error>)

        func spec() throws(CloudProfileDecodeError) -> CloudProfileSpec {
            switch self {
            case .document(let object): return try CloudProfileSpec(object: object)
            case .summary(.success(let spec)): return spec
            case .summary(.failure(let error as CloudProfileDecodeError)): throw error
            case .summary(.failure(let error)): throw CloudProfileDecodeError(FieldPath("<object>"), "\(error)")
            }
        }
    }

    private func decide(_ request: AdmissionRequest, object: Source?, oldObject: Source?) -> AdmissionOutcome {
        guard let kind = CloudProfileKind(request) else { return CloudProfileKind.unexpected(request) }
        // DELETE/CONNECT carry nothing to validate; a status update keeps the stored spec and
        // Gardener validates nothing in the status (`ValidateCloudProfileStatusUpdate`).
        guard request.operation == .create || request.operation == .update, request.subResource.isEmpty else { return .allowed }
        guard let object else { return .undecodable("request.object is missing") }
        let validator = CloudProfileValidator(lifecycleEnabled: settings.versionClassificationLifecycle)
        do {
            let spec = try object.spec()
            switch kind {
            case .namespacedCloudProfile:
                return .validated(validator.validateNamespacedCloudProfile(spec))
            case .cloudProfile where request.operation == .update:
                guard let oldObject else { return .undecodable("request.oldObject is missing for UPDATE") }
                return .validated(validator.validateCloudProfileUpdate(spec, old: try oldObject.spec(), now: clock()))
            case .cloudProfile:
                return .validated(validator.validateCloudProfile(spec, now: clock()))
            }
        } catch {
            return .undecodable("cannot decode \(kind.rawValue): \(error)")
        }
    }
}
