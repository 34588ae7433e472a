/// The Seed Authorizer (Gardener `pkg/admissioncontroller/webhook/auth/seed/authorizer.go`): decides
/// whether a seed client may do what a SubjectAccessReview asks. Allow or no opinion, never deny.
public struct SeedAuthorizer: Sendable {
    public let graph: ResourceGraph
    public let selectors: SelectorAuthorization

    public init(graph: ResourceGraph, selectors: SelectorAuthorization = SelectorAuthorization()) {
        self.graph = graph
        self.selectors = selectors
    }

    /// Decides. Throws `AuthorizerError` when selector authorization cannot be determined.
    public func authorize(_ attributes: AuthorizationAttributes) throws(AuthorizerError) -> Verdict {
        // 1. Not a seed client, or a non-resource request: no opinion, no reason.
        guard let identity = SeedIdentity(user: attributes.user, groups: attributes.groups) else {
            return Verdict(.noOpinion(reason: ""), .notSeedClient)
        }
        guard attributes.isResourceRequest else { return Verdict(.noOpinion(reason: ""), .nonResourceRequest) }
        // 2. The rule of (group, resource); the version is ignored.
        let key = GroupResource(attributes.group, attributes.resource)
        let rule = identity.userType == .extension ? (ExtensionRules.overrides[key] ?? SeedRules.table[key]) : SeedRules.table[key]
        guard let rule else { return Verdict(.noOpinion(reason: ""), .unhandledResource) }
        var verdict = try check(rule, attributes, identity)
        verdict.resource = rule.resourceName
        return verdict
    }

    /// Special cases first, then Gardener's `RequestAuthorizer.Check` steps in their order.
    func check(_ rule: ResourceRule, _ attributes: AuthorizationAttributes, _ identity: SeedIdentity) throws(AuthorizerError) -> Verdict {
        for special in rule.specialCases {
            if let verdict = special(attributes, identity) { return verdict }
        }
        // 1. Namespace.
        if !rule.namespaces.isEmpty, !rule.namespaces.contains(attributes.namespace) {
            return Verdict(.noOpinion(reason: rule.namespaceReason), .namespace)
        }
        // 2. Subresource.
        if !attributes.subresource.isEmpty, !rule.subresources.contains(attributes.subresource) {
            return Verdict(.noOpinion(reason: rule.subresourceReason), .subresource)
        }
        // 3. Always-allowed verbs.
        if rule.alwaysAllowedVerbs.contains(attributes.verb) { return Verdict(.allow, .alwaysAllowedVerb) }
        // 4. Verb.
        if !rule.allowedVerbs.contains(attributes.verb) { return Verdict(.noOpinion(reason: rule.verbReason), .verb) }
        // 5. List/watch selectors: for requests without a name, and always for a rule whose
        //    selector is the object name itself (Gardenlets).
        if attributes.verb == "list" || attributes.verb == "watch",
           attributes.name.isEmpty || rule.selector == .field("metadata.name") {
            let possible: Bool
            do {
                possible = try selectors.isPossible()
            } catch {
                throw AuthorizerError("failed checking if authorization with selectors is possible: \(error)")
            }
            if possible {
                if Self.selectorMatches(rule.selector, attributes, seedName: identity.seedName) {
                    return Verdict(.allow, .selectorMatched)
                }
                return Verdict(.noOpinion(reason: Reasons.missingSelector(seed: identity.seedName)), .selectorMissing)
            } else if rule.selector != nil {
                return Verdict(.allow, .selectorLegacy)
            }
        }
        // 6. Graph.
        return graphCheck(rule.vertex, attributes, seedName: identity.seedName)
    }

    /// The selector check with the bypass closed: only a positive requirement on the configured
    /// key counts. Fields: `=`/`==`/`In` with exactly the seed name. Labels: `In`/`=`/`==` whose
    /// values include `true`, or `Exists`, on `name.seed.gardener.cloud/<seed>`; `NotIn` or
    /// `DoesNotExist` on another key no longer pass.
    static func selectorMatches(_ selector: ResourceRule.ListSelector?, _ attributes: AuthorizationAttributes,
                                seedName: String) -> Bool {
        switch selector {
        case nil:
            return false
        case .field(let path):
            return attributes.fieldRequirements.contains { requirement in
                requirement.field == path && requirement.value == seedName
                    && (requirement.op == .equals || requirement.op == .doubleEquals)
            }
        case .seedNameLabel:
            let key = "name.seed.gardener.cloud/" + seedName
            return attributes.labelRequirements.contains { requirement in
                guard requirement.key == key else { return false }
                switch requirement.op {
                case .in, .equals, .doubleEquals: return requirement.values.contains("true")
                case .exists: return true
                default: return false
                }
            }
        }
    }

    private func graphCheck(_ kind: VertexKind, _ attributes: AuthorizationAttributes, seedName: String) -> Verdict {
        guard !attributes.name.isEmpty else { return Verdict(.noOpinion(reason: Reasons.noObjectName), .noObjectName) }
        // kube-apiserver sets namespace=name for namespace requests.
        let namespace = kind == .namespace ? "" : attributes.namespace
        let from = VertexName(kind, namespace, attributes.name)
        let to = VertexName(.seed, "", seedName)
        if attributes.verb == "delete", !graph.hasVertex(from) {
            return Verdict(.allow, .deleteOfUnknownObject(from))
        }
        guard graph.hasPath(from: from, to: to) else {
            return Verdict(.noOpinion(reason: Reasons.noRelationship), .noRelationship(from: from, to: to))
        }
        return Verdict(.allow, .graphPath(from: from, to: to))
    }
}
