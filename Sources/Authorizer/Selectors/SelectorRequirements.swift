/// A label selector requirement after conversion (`labels.Requirement`).
public struct LabelRequirement: Hashable, Sendable {
    public enum Operator: String, Sendable {
        case `in` = "in", notIn = "notin", exists = "exists", doesNotExist = "!"
        case equals = "=", doubleEquals = "==", notEquals = "!="
        case greaterThan = "gt", lessThan = "lt"
    }
    public var key: String
    public var op: Operator
    public var values: [String]
    public init(key: String, op: Operator, values: [String] = []) {
        self.key = key
        self.op = op
        self.values = values
    }
}

/// A field selector requirement after conversion (`fields.Requirement`): `=` or `!=` on one value.
public struct FieldRequirement: Hashable, Sendable {
    public enum Operator: String, Sendable {
        case equals = "=", doubleEquals = "==", notEquals = "!="
    }
    public var field: String
    public var op: Operator
    public var value: String
    public init(field: String, op: Operator, value: String) {
        self.field = field
        self.op = op
        self.value = value
    }
}

/// `resourceAttributes.labelSelector` / `fieldSelector` as the SubjectAccessReview carries them.
public struct SelectorAttributes<Requirement: Sendable>: Sendable {
    public var rawSelector: String?
    public var requirements: [Requirement]
    public init(rawSelector: String? = nil, requirements: [Requirement] = []) {
        self.rawSelector = rawSelector
        self.requirements = requirements
    }
}

/// A requirement of the wire format (`metav1.LabelSelectorRequirement` or
/// `metav1.FieldSelectorRequirement`): key, operator and values as sent.
public struct WireRequirement: Hashable, Sendable {
    public var key: String
    public var op: String
    public var values: [String]
    public init(key: String, op: String, values: [String] = []) {
        self.key = key
        self.op = op
        self.values = values
    }
}
