/// Kubernetes' label selector grammar (`k8s.io/apimachinery/pkg/labels/selector.go`):
/// `key`, `!key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`, `key notin (a)`, `key>1`, `key<1`,
/// comma-separated, whitespace between tokens ignored; keys and values validated as label names.
public enum LabelSelectorParser {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ selector: String) throws(ParseError) -> [LabelRequirement] {
        var parser = Parser(tokens: try lex(selector))
        return try parser.parse()
    }

    /// `labels.NewRequirement`: validates key, operator arity and values.
    public static func requirement(key: String, op: LabelRequirement.Operator, values: [String]) throws(ParseError) -> LabelRequirement {
        guard LabelNames.isQualifiedName(key) else { throw ParseError(description: "invalid label key \"\(key)\"") }
        switch op {
        case .in, .notIn:
            if values.isEmpty { throw ParseError(description: "for 'in', 'notin' operators, values set can't be empty") }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 { throw ParseError(description: "exact-match compatibility requires one single value") }
        case .exists, .doesNotExist:
            if !values.isEmpty { throw ParseError(description: "values set must be empty for exists and does not exist") }
        case .greaterThan, .lessThan:
            if values.count != 1 || Int64(values[0]) == nil {
                throw ParseError(description: "for 'Gt', 'Lt' operators, exactly one integer value is required")
            }
        }
        for value in values where !LabelNames.isValidValue(value) {
            throw ParseError(description: "invalid label value: \"\(value)\"")
        }
        return LabelRequirement(key: key, op: op, values: values)
    }

    enum Token: Equatable {
        case identifier(String), `in`, notIn, doesNotExist, equals, doubleEquals, notEquals, greaterThan, lessThan
        case openParenthesis, closedParenthesis, comma, end
    }

    private static let symbols: [String: Token] = [
        ")": .closedParenthesis, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals,
        ">": .greaterThan, "<": .lessThan, "!=": .notEquals, "(": .openParenthesis,
    ]

    private static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
    private static func isSpecial(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "=") || c == UInt8(ascii: "!") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")")
            || c == UInt8(ascii: ",") || c == UInt8(ascii: ">") || c == UInt8(ascii: "<")
    }

    static func lex(_ text: String) throws(ParseError) -> [Token] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var i = 0
        while true {
            while i < bytes.count, isWhitespace(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] != 0 else {
                tokens.append(.end)
                return tokens
            }
            if isSpecial(bytes[i]) {
                // Longest run of special characters that still forms a known symbol.
                var buffer = ""
                var last: Token?
                while i < bytes.count, isSpecial(bytes[i]) {
                    buffer.append(Character(Unicode.Scalar(bytes[i])))
                    if let token = symbols[buffer] {
                        last = token
                        i += 1
                    } else if last != nil {
                        break
                    } else {
                        i += 1
                    }
                }
                guard let last else { throw ParseError(description: "error expected: keyword found '\(buffer)'") }
                tokens.append(last)
            } else {
                let start = i
                while i < bytes.count, bytes[i] != 0, !isSpecial(bytes[i]), !isWhitespace(bytes[i]) { i += 1 }
                let word = String(decoding: bytes[start..<i], as: UTF8.self)
                switch word {
                case "in": tokens.append(.in)
                case "notin": tokens.append(.notIn)
                default: tokens.append(.identifier(word))
                }
            }
        }
    }

    private struct Parser {
        var tokens: [Token]
        var position = 0

        /// In value positions the keywords `in`/`notin` are plain identifiers.
        func lookahead(values: Bool = true) -> Token {
            let token = position < tokens.count ? tokens[position] : .end
            if values, token == .in { return .identifier("in") }
            if values, token == .notIn { return .identifier("notin") }
            return token
        }

        mutating func consume(values: Bool = true) -> Token {
            let token = lookahead(values: values)
            if position < tokens.count { position += 1 }
            return token
        }

        mutating func parse() throws(ParseError) -> [LabelRequirement] {
            var requirements: [LabelRequirement] = []
            while true {
                switch lookahead() {
                case .identifier, .doesNotExist:
                    requirements.append(try parseRequirement())
                    switch consume() {
                    case .end: return requirements
                    case .comma:
                        switch lookahead() {
                        case .identifier, .doesNotExist: break
                        default: throw ParseError(description: "expected identifier after ','")
                        }
                    default: throw ParseError(description: "expected ',' or 'end of string'")
                    }
                case .end: return requirements
                default: throw ParseError(description: "expected !, identifier, or 'end of string'")
                }
            }
        }

        mutating func parseRequirement() throws(ParseError) -> LabelRequirement {
            var op: LabelRequirement.Operator?
            var token = consume()
            if token == .doesNotExist {
                op = .doesNotExist
                token = consume()
            }
            guard case .identifier(let key) = token else { throw ParseError(description: "expected identifier") }
            guard LabelNames.isQualifiedName(key) else { throw ParseError(description: "invalid label key \"\(key)\"") }
            let next = lookahead()
            if next == .end || next == .comma, op == nil { op = .exists }
            if let op, op == .exists || op == .doesNotExist {
                return try LabelSelectorParser.requirement(key: key, op: op, values: [])
            }
            let binary: LabelRequirement.Operator
            switch consume(values: false) {
            case .in: binary = .in
            case .equals: binary = .equals
            case .doubleEquals: binary = .doubleEquals
            case .greaterThan: binary = .greaterThan
            case .lessThan: binary = .lessThan
            case .notIn: binary = .notIn
            case .notEquals: binary = .notEquals
            default: throw ParseError(description: "expected an operator")
            }
            let values: [String]
            switch binary {
            case .in, .notIn: values = try parseValues()
            default: values = try parseExactValue()
            }
            return try LabelSelectorParser.requirement(key: key, op: binary, values: values)
        }

        mutating func parseExactValue() throws(ParseError) -> [String] {
            let next = lookahead()
            if next == .end || next == .comma { return [""] }
            guard case .identifier(let value) = consume() else { throw ParseError(description: "expected identifier") }
            return [value]
        }

        mutating func parseValues() throws(ParseError) -> [String] {
            guard consume() == .openParenthesis else { throw ParseError(description: "expected '('") }
            switch lookahead() {
            case .identifier, .comma:
                let values = try parseIdentifiers()
                guard consume() == .closedParenthesis else { throw ParseError(description: "expected ')'") }
                return values
            case .closedParenthesis:
                _ = consume()
                return [""]
            default:
                throw ParseError(description: "expected ',', ')' or identifier")
            }
        }

        mutating func parseIdentifiers() throws(ParseError) -> [String] {
            var values: [String] = []
            func add(_ value: String) { if !values.contains(value) { values.append(value) } }
            while true {
                switch consume() {
                case .identifier(let value):
                    add(value)
                    switch lookahead() {
                    case .comma: continue
                    case .closedParenthesis: return values
                    default: throw ParseError(description: "expected ',' or ')'")
                    }
                case .comma:
                    if values.isEmpty { add("") }
                    switch lookahead() {
                    case .closedParenthesis:
                        add("")
                        return values
                    case .comma:
                        _ = consume()
                        add("")
                    default: break
                    }
                default:
                    throw ParseError(description: "expected ',', or identifier")
                }
            }
        }
    }
}

/// Kubernetes name validation for label keys and values (`k8s.io/apimachinery/pkg/util/validation`).
enum LabelNames {
    /// `IsQualifiedName`: `[prefix/]name`, prefix a DNS-1123 subdomain, name ≤ 63 characters.
    static func isQualifiedName(_ value: String) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isName(parts[0])
        case 2: return !parts[0].isEmpty && isSubdomain(parts[0]) && isName(parts[1])
        default: return false
        }
    }

    /// `IsValidLabelValue`: empty, or ≤ 63 alphanumerics with `-_.` inside.
    static func isValidValue(_ value: String) -> Bool { value.isEmpty || isName(Substring(value)) }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    private static func isName(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 63, let first = bytes.first, let last = bytes.last,
              isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    private static func isSubdomain(_ text: Substring) -> Bool {
        guard text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last else { return false }
            func ok(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 97 && c <= 122) }
            return ok(first) && ok(last) && bytes.allSatisfy { ok($0) || $0 == 45 }
        }
    }
}
