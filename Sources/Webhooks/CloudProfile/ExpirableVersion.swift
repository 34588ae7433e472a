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
    /// Paths are only built when there is an error to report (hence the autoclosures). One pass
    /// over the members: this runs for every version of every review.
    public init(json: JSONValue, path: @autoclosure () -> FieldPath) throws(CloudProfileDecodeError) {
        guard case .object(let object) = json else { throw CloudProfileDecodeError(path(), "must be an object") }
        version = ""
        expirationDate = nil
        classification = nil
        lifecycle = []
        hasLifecycleField = false
        for member in object.members {
            switch member.key {
            case "version":
                version = try Self.string(member.value, path().child("version")) ?? ""
            case "expirationDate":
                expirationDate = try Self.time(member.value, path().child("expirationDate"))
            case "classification":
                classification = try Self.string(member.value, path().child("classification")).map(VersionClassification.init(rawValue:))
            case "lifecycle":
                switch member.value {
                case .null:
                    break
                case .array(let stages):
                    hasLifecycleField = true
                    lifecycle.reserveCapacity(stages.count)
                    for (index, stage) in stages.enumerated() {
                        lifecycle.append(try Self.stage(stage, path().child("lifecycle").index(index)))
                    }
                default:
                    throw CloudProfileDecodeError(path().child("lifecycle"), "must be an array")
                }
            default:
                break
            }
        }
    }

    private static func stage(_ json: JSONValue, _ path: @autoclosure () -> FieldPath) throws(CloudProfileDecodeError) -> LifecycleStage {
        guard case .object(let object) = json else { throw CloudProfileDecodeError(path(), "must be an object") }
        var stage = LifecycleStage(VersionClassification(""))
        for member in object.members {
            switch member.key {
            case "classification": stage.classification = VersionClassification(try string(member.value, path().child("classification")) ?? "")
            case "startTime": stage.startTime = try time(member.value, path().child("startTime"))
            default: break
            }
        }
        return stage
    }

    static func string(_ value: JSONValue?, _ path: @autoclosure () -> FieldPath) throws(CloudProfileDecodeError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw CloudProfileDecodeError(path(), "must be a string")
        }
    }

    static func time(_ value: JSONValue?, _ path: @autoclosure () -> FieldPath) throws(CloudProfileDecodeError) -> Timestamp? {
        guard let text = try string(value, path()) else { return nil }
        guard let time = Timestamp(rfc3339: text) else {
            throw CloudProfileDecodeError(path(), "\(goQuote(text)) is not an RFC 3339 date-time")
        }
        return time
    }

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

/// A CloudProfile whose versions cannot be read as Gardener's types: answered with a 400 denial.
public struct CloudProfileDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: FieldPath
    public var reason: String

    public init(_ path: FieldPath, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
