/// Turns the selectors of a SubjectAccessReview into requirements the way Gardener does
/// (`pkg/webhook/authorizer/attributes.go`, from Kubernetes `pkg/registry/authorization/util`):
/// `rawSelector` is parsed when present, and non-empty `requirements` override it. Invalid
/// structured requirements are dropped and the rest kept; an unparsable raw selector yields none.
public enum SelectorConversion {
    public static func labelRequirements(rawSelector: String?, requirements: [WireRequirement]) -> [LabelRequirement] {
        var result: [LabelRequirement] = []
        if let rawSelector, !rawSelector.isEmpty {
            result = (try? LabelSelectorParser.parse(rawSelector)) ?? []
        }
        if !requirements.isEmpty {
            result = requirements.compactMap { requirement in
                let op: LabelRequirement.Operator
                switch requirement.op {
                case "In": op = .in
                case "NotIn": op = .notIn
                case "Exists": op = .exists
                case "DoesNotExist": op = .doesNotExist
                default: return nil
                }
                return try? LabelSelectorParser.requirement(key: requirement.key, op: op, values: requirement.values)
            }
        }
        return result
    }

    public static func fieldRequirements(rawSelector: String?, requirements: [WireRequirement]) -> [FieldRequirement] {
        var result: [FieldRequirement] = []
        if let rawSelector, !rawSelector.isEmpty {
            result = (try? FieldSelectorParser.parse(rawSelector)) ?? []
        }
        if !requirements.isEmpty {
            result = requirements.compactMap { requirement in
                guard requirement.values.count == 1 else { return nil }
                switch requirement.op {
                case "In": return FieldRequirement(field: requirement.key, op: .equals, value: requirement.values[0])
                case "NotIn": return FieldRequirement(field: requirement.key, op: .notEquals, value: requirement.values[0])
                default: return nil
                }
            }
        }
        return result
    }
}
