import JSON

/// `namespace/name` of a referenced object.
public struct ObjectReference: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public init(_ namespace: String, _ name: String) {
        self.namespace = namespace
        self.name = name
    }
}

/// A reference that names its target's apiVersion and kind (`credentialsRef`, `resourceRef`).
public struct TypedReference: Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String = "", name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// Reads `{apiVersion, kind, namespace, name}`; nil when `value` is not an object.
    init?(_ value: JSONValue?) {
        guard let value, value.objectValue != nil else { return nil }
        self.init(apiVersion: value.string("apiVersion"), kind: value.string("kind"),
                  namespace: value.string("namespace"), name: value.string("name"))
    }

    /// Credentials vertices by apiVersion + kind, as Gardener's handlers choose them
    /// (`v1 Secret`, `security.gardener.cloud/v1alpha1 WorkloadIdentity`). Nil for anything else.
    var credentialsKind: VertexKind? {
        switch (apiVersion, kind) {
        case ("v1", "Secret"): return .secret
        case ("security.gardener.cloud/v1alpha1", "WorkloadIdentity"): return .workloadIdentity
        default: return nil
        }
    }

    /// `spec.resources[].resourceRef` vertices: v1 Secret or ConfigMap, security WorkloadIdentity.
    var resourceKind: VertexKind? {
        switch (apiVersion, kind) {
        case ("v1", "Secret"): return .secret
        case ("v1", "ConfigMap"): return .configMap
        case ("security.gardener.cloud/v1alpha1", "WorkloadIdentity"): return .workloadIdentity
        default: return nil
        }
    }
}

extension JSONValue {
    /// The string at a path of object keys, or "" (Go's zero value) when absent or not a string.
    func string(_ keys: String...) -> String {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current?.stringValue ?? ""
    }

    /// The string at a path of object keys, or nil when absent, null or empty.
    func optionalString(_ keys: String...) -> String? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        guard let text = current?.stringValue, !text.isEmpty else { return nil }
        return text
    }

    /// The value at a path of object keys.
    func at(_ keys: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current
    }

    /// The array at a path, or [] when absent.
    func array(_ keys: String...) -> [JSONValue] {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current?.arrayValue ?? []
    }

    var metadataName: String { string("metadata", "name") }
    var metadataNamespace: String { string("metadata", "namespace") }

    func annotation(_ key: String) -> String? { at("metadata", "annotations", key)?.stringValue }
    func label(_ key: String) -> String? { at("metadata", "labels", key)?.stringValue }

    /// `spec.resources[].resourceRef` entries.
    func resourceReferences(_ keys: String...) -> [TypedReference] {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return (current?.arrayValue ?? []).compactMap { TypedReference($0["resourceRef"]) }
    }
}
