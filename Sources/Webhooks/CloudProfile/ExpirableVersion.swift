import JSON

/// One stage of a version's lifecycle (`LifecycleStage`).
public struct LifecycleStage: Sendable, Equatable {
    public var classification: VersionClassification
    /// nil: only allowed for the first stage, which then counts as started at Go's zero time.
    public var startTime: Timestamp?

    public init(_ classification: VersionClassification, startTime: Timestamp? = nil) {
        self.classification = classification
        self.startTime = startTime
    }
}

/// A Kubernetes or machine-image version with its lifecycle information (`ExpirableVersion`),
/// read from a CloudProfile document.
public struct ExpirableVersion: Sendable, Equatable {
    public var version: String
    /// Deprecated legacy field.
    public var expirationDate: Timestamp?
    /// Deprecated legacy field.
    public var classification: VersionClassification?
    public var lifecycle: [LifecycleStage]
    /// Whether `lifecycle` was sent at all: Gardener's legacy `expired` rule checks for a nil
    /// slice, so an explicit `lifecycle: []` behaves differently from no lifecycle.
    public var hasLifecycleField: Bool

    public init(_ version: String, expirationDate: Timestamp? = nil, classification: VersionClassification? = nil,
                lifecycle: [LifecycleStage] = [], hasLifecycleField: Bool? = nil) {
        self.version = version
        self.expirationDate = expirationDate
        self.classification = classification
        self.lifecycle = lifecycle
        self.hasLifecycleField = hasLifecycleField ?? !lifecycle.isEmpty
    }

    /// Reads a version object. Members this program does not know are ignored here (and stay
    /// untouched in the document); members of the wrong type are a `CloudProfileDecodeError`.
    /// The value Go's `json.Marshal` prints for the internal `core.ExpirableVersion` (no JSON
    /// tags, so Go field names), as Kubernetes' field errors show a struct bad value.
    var goInternalJSON: JSONValue {
        let time: (Timestamp?) -> JSONValue = { $0.map { .string($0.rfc3339) } ?? .null }
        let stages: JSONValue = hasLifecycleField || !lifecycle.isEmpty
            ? .array(lifecycle.map { .object(JSONObject(["Classification": .string($0.classification.rawValue), "StartTime": time($0.startTime)])) })
            : .null
        return .object(JSONObject([
            "Version": .string(version),
            "ExpirationDate": time(expirationDate),
            "Classification": classification.map { .string($0.rawValue) } ?? .null,
            "Lifecycle": stages,
        ]))
    }
}
