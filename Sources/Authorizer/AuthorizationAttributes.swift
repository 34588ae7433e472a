/// What a SubjectAccessReview asks, after decoding (Gardener `AuthorizationAttributesFrom`).
public struct AuthorizationAttributes: Sendable {
    public var user: String
    public var groups: [String]
    public var extra: [String: [String]]
    /// False for `nonResourceAttributes` (e.g. `GET /version`).
    public var isResourceRequest: Bool
    public var verb: String
    public var namespace: String
    public var group: String
    public var version: String
    public var resource: String
    public var subresource: String
    public var name: String
    /// The non-resource path.
    public var path: String
    public var labelSelector: SelectorAttributes<WireRequirement>?
    public var fieldSelector: SelectorAttributes<WireRequirement>?

    public init(user: String = "", groups: [String] = [], extra: [String: [String]] = [:], isResourceRequest: Bool = true,
                verb: String = "", namespace: String = "", group: String = "", version: String = "",
                resource: String = "", subresource: String = "", name: String = "", path: String = "",
                labelSelector: SelectorAttributes<WireRequirement>? = nil,
                fieldSelector: SelectorAttributes<WireRequirement>? = nil) {
        self.user = user
        self.groups = groups
        self.extra = extra
        self.isResourceRequest = isResourceRequest
        self.verb = verb
        self.namespace = namespace
        self.group = group
        self.version = version
        self.resource = resource
        self.subresource = subresource
        self.name = name
        self.path = path
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
    }

    /// The label requirements (raw selector parsed, structured requirements overriding it).
    public var labelRequirements: [LabelRequirement] {
        guard let labelSelector else { return [] }
        return SelectorConversion.labelRequirements(rawSelector: labelSelector.rawSelector,
                                                    requirements: labelSelector.requirements)
    }

    /// The field requirements (raw selector parsed, structured requirements overriding it).
    public var fieldRequirements: [FieldRequirement] {
        guard let fieldSelector else { return [] }
        return SelectorConversion.fieldRequirements(rawSelector: fieldSelector.rawSelector,
                                                    requirements: fieldSelector.requirements)
    }
}
