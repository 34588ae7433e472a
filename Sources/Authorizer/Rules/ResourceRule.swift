/// How one resource is authorized for a seed client: Gardener's `RequestAuthorizer.Check` options
/// (`pkg/admissioncontroller/webhook/auth/authorizer.go`) plus named special cases that run first.
public struct ResourceRule: Sendable {
    /// A list/watch selector the rule accepts instead of a graph path.
    public enum ListSelector: Sendable, Equatable {
        /// A field selector `<path>=<seed name>`.
        case field(String)
        /// The label `name.seed.gardener.cloud/<seed name>=true`.
        case seedNameLabel
    }

    /// A special case: returns a verdict, or nil to continue with the generic check.
    public typealias SpecialCase = @Sendable (AuthorizationAttributes, SeedIdentity) -> Verdict?

    /// The vertex kind of the requested object.
    public var vertex: VertexKind
    /// Verbs allowed when the graph (or a selector) connects the object to the seed.
    public var allowedVerbs: [String]
    /// Verbs allowed without the graph.
    public var alwaysAllowedVerbs: [String]
    public var subresources: [String]
    /// When non-empty, only these namespaces.
    public var namespaces: [String]
    public var selector: ListSelector?
    public var specialCases: [SpecialCase]
    /// The table key as metrics and logs name it (`shoots.core.gardener.cloud`), set by the table.
    public internal(set) var resourceName = ""

    // Gardener's reasons list the sorted sets (`sets.List`), printed with `%+v`.
    let namespaceReason: String
    let subresourceReason: String
    let verbReason: String

    public init(_ vertex: VertexKind, allowed: [String] = [], alwaysAllowed: [String] = [], subresources: [String] = [],
                namespaces: [String] = [], selector: ListSelector? = nil, special: [SpecialCase] = []) {
        self.vertex = vertex
        self.allowedVerbs = allowed
        self.alwaysAllowedVerbs = alwaysAllowed
        self.subresources = subresources
        self.namespaces = namespaces
        self.selector = selector
        self.specialCases = special
        namespaceReason = Reasons.onlyNamespaces(namespaces.sorted())
        subresourceReason = Reasons.onlySubresources(Set(subresources).sorted())
        verbReason = Reasons.onlyVerbs(Set(allowed + alwaysAllowed).sorted())
    }

    /// `CheckRead`: get, list and watch through the graph; no subresources.
    public static func read(_ vertex: VertexKind) -> ResourceRule {
        ResourceRule(vertex, allowed: ["get", "list", "watch"])
    }

    /// Special cases only; the last one must always decide.
    public static func special(_ vertex: VertexKind, _ special: @escaping SpecialCase) -> ResourceRule {
        ResourceRule(vertex, special: [special])
    }
}

/// Gardener's reason strings (`CheckVerb`, `CheckSubresource`, `CheckNamespace`).
public enum Reasons {
    /// Go's `%+v` of a string slice: `[a b c]`.
    public static func goList(_ items: [String]) -> String { "[" + items.joined(separator: " ") + "]" }

    public static func onlyVerbs(_ verbs: [String]) -> String {
        "only the following verbs are allowed for this resource type: " + goList(verbs)
    }
    public static func onlySubresources(_ subresources: [String]) -> String {
        "only the following subresources are allowed for this resource type: " + goList(subresources)
    }
    public static func onlyNamespaces(_ namespaces: [String]) -> String {
        "only the following namespaces are allowed for this resource type: " + goList(namespaces)
    }
    public static func missingSelector(seed: String) -> String {
        "must specify field or label selector for name " + seed
    }
    public static let noObjectName = "No Object name found"
    public static let noRelationship = "no relationship found"
    public static let leaseNotInSeedNamespace = "lease object is not in seed namespace"
}
