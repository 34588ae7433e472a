/// The Seed Authorizer's answer. It never denies (`gardener-behaviour.md` A.4): RBAC decides after
/// a "no opinion".
public enum Decision: Sendable, Equatable {
    case allow
    case noOpinion(reason: String)
}

/// A decision with what decided it, for `--explain`, logs and metrics.
public struct Verdict: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case notSeedClient
        case nonResourceRequest
        case unhandledResource
        /// A named special case of the resource's rule (e.g. `ownSelfHostedShoot`).
        case specialCase(String)
        case namespace
        case subresource
        case alwaysAllowedVerb
        case verb
        case selectorMatched
        case selectorMissing
        /// Selector authorization is not possible and the rule configures a selector (legacy branch).
        case selectorLegacy
        case noObjectName
        case deleteOfUnknownObject(VertexName)
        case graphPath(from: VertexName, to: VertexName)
        case noRelationship(from: VertexName, to: VertexName)
    }

    public var decision: Decision
    public var step: Step
    /// The rule table key that applied (`shoots.core.gardener.cloud`), or nil.
    public var resource: String?

    public init(_ decision: Decision, _ step: Step, resource: String? = nil) {
        self.decision = decision
        self.step = step
        self.resource = resource
    }

    public var isAllowed: Bool { decision == .allow }
    public var reason: String {
        if case .noOpinion(let reason) = decision { return reason }
        return ""
    }
}

/// An error while deciding; the wire layer answers `evaluationError: "500 <message>"`.
public struct AuthorizerError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
