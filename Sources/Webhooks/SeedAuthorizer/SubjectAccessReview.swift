import Authorizer
import JSON

/// A SubjectAccessReview (`authorization.k8s.io/v1` or `v1beta1`) decoded into authorizer
/// attributes, as Gardener's handler does (`pkg/webhook/authorizer/handler.go`,
/// `attributes.go`): v1beta1's `spec.group` is v1's `spec.groups`; unknown fields are ignored and
/// `null` counts as absent, as Go's decoder does.
public struct SubjectAccessReview: Sendable {
    public var apiVersion: SubjectAccessReviewVersion
    public var attributes: AuthorizationAttributes

    /// Decodes a request body; throws `SubjectAccessReviewError` with a message for `"400 …"`.
    public static func decode(_ body: [UInt8]) throws(SubjectAccessReviewError) -> SubjectAccessReview {
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw SubjectAccessReviewError(apiVersion: nil, message: "invalid JSON: \(error)")
        }
        guard case .object(let root) = document else {
            throw SubjectAccessReviewError(apiVersion: nil, message: "the request body is not a JSON object")
        }
        var decoder = Decoder()
        let apiVersionText = try decoder.string(root["apiVersion"], "apiVersion")
        let kind = try decoder.string(root["kind"], "kind")
        guard !apiVersionText.isEmpty else { throw SubjectAccessReviewError(apiVersion: nil, message: "Object 'apiVersion' is missing") }
        guard !kind.isEmpty else { throw SubjectAccessReviewError(apiVersion: nil, message: "Object 'Kind' is missing") }
        guard let apiVersion = SubjectAccessReviewVersion(rawValue: apiVersionText), kind == "SubjectAccessReview" else {
            throw SubjectAccessReviewError(apiVersion: nil,
                                           message: "no kind \(goQuote(kind)) is registered for version \(goQuote(apiVersionText))")
        }
        decoder.apiVersion = apiVersion
        let attributes = try decoder.attributes(root["spec"])
        return SubjectAccessReview(apiVersion: apiVersion, attributes: attributes)
    }

    private struct Decoder {
        var apiVersion: SubjectAccessReviewVersion?

        func fail(_ path: String, _ expected: String, _ value: JSONValue) -> SubjectAccessReviewError {
            let found: String
            switch value {
            case .null: found = "null"
            case .bool: found = "bool"
            case .number: found = "number"
            case .string: found = "string"
            case .array: found = "array"
            case .object: found = "object"
            }
            return SubjectAccessReviewError(apiVersion: apiVersion, message: "\(path): expected \(expected), got \(found)")
        }

        func string(_ value: JSONValue?, _ path: String) throws(SubjectAccessReviewError) -> String {
            switch value {
            case nil, .null?: return ""
            case .string(let text)?: return text
            case let other?: throw fail(path, "string", other)
            }
        }

        func strings(_ value: JSONValue?, _ path: String) throws(SubjectAccessReviewError) -> [String] {
            switch value {
            case nil, .null?: return []
            case .array(let elements)?:
                var result: [String] = []
                result.reserveCapacity(elements.count)
                for element in elements {
                    guard case .string(let text) = element else { throw fail(path + "[]", "string", element) }
                    result.append(text)
                }
                return result
            case let other?: throw fail(path, "array", other)
            }
        }

        func object(_ value: JSONValue?, _ path: String) throws(SubjectAccessReviewError) -> JSONObject? {
            switch value {
            case nil, .null?: return nil
            case .object(let object)?: return object
            case let other?: throw fail(path, "object", other)
            }
        }

        func attributes(_ value: JSONValue?) throws(SubjectAccessReviewError) -> AuthorizationAttributes {
            var attributes = AuthorizationAttributes()
            guard let spec = try object(value, "spec") else { return attributes }
            attributes.user = try string(spec["user"], "spec.user")
            attributes.groups = apiVersion == .v1beta1
                ? try strings(spec["group"], "spec.group") : try strings(spec["groups"], "spec.groups")
            if let extra = try object(spec["extra"], "spec.extra") {
                for member in extra.members {
                    attributes.extra[member.key] = try strings(member.value, "spec.extra[\(member.key)]")
                }
            }
            if let resource = try object(spec["resourceAttributes"], "spec.resourceAttributes") {
                let path = "spec.resourceAttributes"
                attributes.isResourceRequest = true
                attributes.namespace = try string(resource["namespace"], path + ".namespace")
                attributes.verb = try string(resource["verb"], path + ".verb")
                attributes.group = try string(resource["group"], path + ".group")
                attributes.version = try string(resource["version"], path + ".version")
                attributes.resource = try string(resource["resource"], path + ".resource")
                attributes.subresource = try string(resource["subresource"], path + ".subresource")
                attributes.name = try string(resource["name"], path + ".name")
                attributes.fieldSelector = try selector(resource["fieldSelector"], path + ".fieldSelector")
                attributes.labelSelector = try selector(resource["labelSelector"], path + ".labelSelector")
            } else if let nonResource = try object(spec["nonResourceAttributes"], "spec.nonResourceAttributes") {
                attributes.isResourceRequest = false
                attributes.path = try string(nonResource["path"], "spec.nonResourceAttributes.path")
                attributes.verb = try string(nonResource["verb"], "spec.nonResourceAttributes.verb")
            } else {
                // Gardener's AttributesRecord zero value: a non-resource request with no path.
                attributes.isResourceRequest = false
            }
            return attributes
        }

        func selector(_ value: JSONValue?, _ path: String) throws(SubjectAccessReviewError) -> SelectorAttributes<WireRequirement>? {
            guard let selector = try object(value, path) else { return nil }
            let raw = try string(selector["rawSelector"], path + ".rawSelector")
            var requirements: [WireRequirement] = []
            switch selector["requirements"] {
            case nil, .null?: break
            case .array(let elements)?:
                for element in elements {
                    guard let requirement = try object(element, path + ".requirements[]") else { continue }
                    requirements.append(WireRequirement(
                        key: try string(requirement["key"], path + ".requirements[].key"),
                        op: try string(requirement["operator"], path + ".requirements[].operator"),
                        values: try strings(requirement["values"], path + ".requirements[].values")))
                }
            case let other?: throw fail(path + ".requirements", "array", other)
            }
            return SelectorAttributes(rawSelector: raw.isEmpty ? nil : raw, requirements: requirements)
        }
    }
}

/// The SubjectAccessReview versions kube-apiserver may send (`subjectAccessReviewVersion`).
public enum SubjectAccessReviewVersion: String, Sendable {
    case v1 = "authorization.k8s.io/v1"
    case v1beta1 = "authorization.k8s.io/v1beta1"
}

/// A SubjectAccessReview that cannot be decoded; answered with `evaluationError: "400 <message>"`
/// in `apiVersion` (v1 when unknown).
public struct SubjectAccessReviewError: Error, Sendable, CustomStringConvertible {
    public var apiVersion: SubjectAccessReviewVersion?
    public var message: String
    public var description: String { message }
}
