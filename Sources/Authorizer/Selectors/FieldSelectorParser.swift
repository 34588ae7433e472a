/// Kubernetes' field selector grammar (`k8s.io/apimachinery/pkg/fields/selector.go`): terms
/// `field=value`, `field==value` or `field!=value`, separated by unescaped commas; `\,`, `\=` and
/// `\\` escape inside values.
public enum FieldSelectorParser {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ selector: String) throws(ParseError) -> [FieldRequirement] {
        var requirements: [FieldRequirement] = []
        for term in splitTerms(selector).sorted() where !term.isEmpty {
            guard let (field, op, rawValue) = splitTerm(term) else {
                throw ParseError(description: "invalid selector: '\(selector)'; can't understand '\(term)'")
            }
            requirements.append(FieldRequirement(field: field, op: op, value: try unescape(rawValue)))
        }
        return requirements
    }

    private static func splitTerms(_ selector: String) -> [String] {
        guard !selector.isEmpty else { return [] }
        var terms: [String] = []
        var current = ""
        var inSlash = false
        for character in selector {
            if inSlash {
                inSlash = false
            } else if character == "\\" {
                inSlash = true
            } else if character == "," {
                terms.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        terms.append(current)
        return terms
    }

    private static func splitTerm(_ term: String) -> (String, FieldRequirement.Operator, String)? {
        var index = term.startIndex
        while index < term.endIndex {
            let rest = term[index...]
            for (text, op) in [("!=", FieldRequirement.Operator.notEquals), ("==", .equals), ("=", .equals)]
            where rest.hasPrefix(text) {
                return (String(term[..<index]), op, String(rest.dropFirst(text.count)))
            }
            index = term.index(after: index)
        }
        return nil
    }

    private static func unescape(_ value: String) throws(ParseError) -> String {
        var result = ""
        var inSlash = false
        for character in value {
            if inSlash {
                guard character == "\\" || character == "," || character == "=" else {
                    throw ParseError(description: "invalid escape sequence")
                }
                result.append(character)
                inSlash = false
            } else if character == "\\" {
                inSlash = true
            } else if character == "," || character == "=" {
                throw ParseError(description: "invalid selector: unescaped \(character)")
            } else {
                result.append(character)
            }
        }
        if inSlash { throw ParseError(description: "invalid escape sequence") }
        return result
    }
}
