import JSON

/// What a webhook decides about one request. The wire layer turns it into the
/// `response` of an AdmissionReview (`AdmissionResponse`).
public enum AdmissionOutcome: Sendable, Equatable {
    /// Admit the object unchanged.
    case allowed(warnings: [String])
    /// Refuse it: `status.code` (403 for policy, 400 for an undecodable object) and the message.
    case denied(code: Int, message: String, warnings: [String])
    /// Admit it as `object`; the wire layer sends the JSONPatch from the request's object to
    /// this one, or no patch when they are equal. Only mutating webhooks may patch.
    case patched(object: JSONValue, warnings: [String])

    public static let allowed = AdmissionOutcome.allowed(warnings: [])

    /// 403 with Kubernetes' aggregate message of `errors`; allowed when `errors` is empty.
    public static func validated(_ errors: [FieldError], warnings: [String] = []) -> AdmissionOutcome {
        errors.isEmpty ? .allowed(warnings: warnings) : .denied(code: 403, message: FieldError.aggregate(errors), warnings: warnings)
    }

    /// 403 with a message.
    public static func denied(_ message: String, warnings: [String] = []) -> AdmissionOutcome {
        .denied(code: 403, message: message, warnings: warnings)
    }

    /// 400: the object in the request cannot be read as the kind it claims to be.
    public static func undecodable(_ message: String) -> AdmissionOutcome {
        .denied(code: 400, message: message, warnings: [])
    }

    public var warnings: [String] {
        switch self {
        case .allowed(let warnings), .denied(_, _, let warnings), .patched(_, let warnings): return warnings
        }
    }

    var isPatch: Bool {
        if case .patched = self { return true }
        return false
    }

    public var isAllowed: Bool {
        if case .denied = self { return false }
        return true
    }

    /// The same outcome with `more` warnings appended (controller-runtime's `WithWarnings`).
    public func withWarnings(_ more: [String]) -> AdmissionOutcome {
        switch self {
        case .allowed(let warnings): return .allowed(warnings: warnings + more)
        case .denied(let code, let message, let warnings): return .denied(code: code, message: message, warnings: warnings + more)
        case .patched(let object, let warnings): return .patched(object: object, warnings: warnings + more)
        }
    }
}
