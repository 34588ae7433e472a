/// Whether list/watch selectors can be enforced (`pkg/webhook/authorizer/withselectors.go`): only
/// when kube-apiserver forwards selectors to webhooks (feature gate AuthorizeWithSelectors).
public struct SelectorAuthorization: Sendable {
    /// The `authorizeWithSelectors` setting.
    public enum Mode: String, Sendable, CaseIterable {
        /// Enforce selectors.
        case enabled = "true"
        /// Gardener's legacy branch: list/watch of the selector resources is allowed without one.
        case disabled = "false"
        /// Ask `probe` (the garden's version, or a dry-run SubjectAccessReview); without a probe,
        /// enforce (the default for a state from files).
        case auto
    }

    public var mode: Mode
    /// Answers "is selector authorization possible?" for `.auto`; may throw.
    public var probe: (@Sendable () throws -> Bool)?

    public init(_ mode: Mode = .enabled, probe: (@Sendable () throws -> Bool)? = nil) {
        self.mode = mode
        self.probe = probe
    }

    public func isPossible() throws -> Bool {
        switch mode {
        case .enabled: return true
        case .disabled: return false
        case .auto: return try probe?() ?? true
        }
    }
}
