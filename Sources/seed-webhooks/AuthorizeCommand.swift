import ArgumentParser
import Authorizer
import Foundation
import Logging
import Webhooks

/// `seed-webhooks authorize --state PATH [FILE|-]`: answers one SubjectAccessReview exactly as
/// `POST /webhooks/auth/seed` would, without a server.
struct AuthorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorize",
        abstract: "Answer one SubjectAccessReview from a garden state, as the webhook would.",
        discussion: "Prints the response body. Exits 0 whatever the decision; --explain prints the deciding rule and the graph path on stderr."
    )

    @Option(help: "File or directory of garden manifests.") var state: String
    @Option(help: "true or false (Gardener's legacy branch).") var authorizeWithSelectors: String = "true"
    @Flag(help: "Print the rule that decided and, for graph decisions, the path to the seed on stderr.") var explain = false
    @Argument(help: "The SubjectAccessReview JSON; '-' or nothing reads standard input.") var file: String = "-"

    func run() throws {
        guard let mode = SelectorAuthorization.Mode(rawValue: authorizeWithSelectors), mode != .auto else {
            throw ValidationError("--authorize-with-selectors must be true or false")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .critical
            return handler
        }
        let graph = ResourceGraph()
        do {
            try StateSource(path: state, graph: graph).loadNow()
        } catch {
            throw ValidationError("--state: \(error.message)")
        }
        let body: [UInt8]
        if file == "-" {
            body = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot be read") }
            body = Array(data)
        }
        let authorizer = SeedAuthorizer(graph: graph, selectors: SelectorAuthorization(mode))
        let endpoint = SeedAuthorizerEndpoint(authorizer: authorizer)
        var output = endpoint.respond(contentType: "application/json", body: body)
        output.append(UInt8(ascii: "\n"))
        FileHandle.standardOutput.write(Data(output))
        if explain {
            FileHandle.standardError.write(Data(Self.explanation(body: body, authorizer: authorizer).utf8))
        }
    }

    static func explanation(body: [UInt8], authorizer: SeedAuthorizer) -> String {
        guard let review = try? SubjectAccessReview.decode(body) else { return "rule: the review does not decode\n" }
        let attributes = review.attributes
        let verdict: Verdict
        do {
            verdict = try authorizer.authorize(attributes)
        } catch {
            return "rule: error: \(error.message)\n"
        }
        var lines: [String] = []
        if let identity = SeedIdentity(user: attributes.user, groups: attributes.groups) {
            lines.append("caller: \(identity.userType.rawValue) of seed \(identity.seedName)")
        }
        if let resource = verdict.resource { lines.append("resource: \(resource)") }
        lines.append("decision: " + (verdict.isAllowed ? "allow" : "no opinion") + (verdict.reason.isEmpty ? "" : " (\(verdict.reason))"))
        switch verdict.step {
        case .notSeedClient: lines.append("rule: the caller is not a seed client")
        case .nonResourceRequest: lines.append("rule: non-resource requests get no opinion")
        case .unhandledResource: lines.append("rule: no rule for this resource")
        case .specialCase(let name): lines.append("rule: special case \(name)")
        case .namespace: lines.append("rule: namespace not allowed")
        case .subresource: lines.append("rule: subresource not allowed")
        case .alwaysAllowedVerb: lines.append("rule: always-allowed verb \(attributes.verb)")
        case .verb: lines.append("rule: verb not allowed")
        case .selectorMatched: lines.append("rule: list/watch selector names the seed")
        case .selectorMissing: lines.append("rule: list/watch without a selector for the seed")
        case .selectorLegacy: lines.append("rule: selector authorization is off (legacy): list/watch allowed")
        case .noObjectName: lines.append("rule: graph check needs an object name")
        case .deleteOfUnknownObject(let vertex): lines.append("rule: delete of \(vertex), which is not in the graph")
        case .graphPath(let from, let to):
            lines.append("rule: graph path from \(from) to \(to)")
            if let path = authorizer.graph.path(from: from, to: to) {
                lines.append("path: " + path.map(\.description).joined(separator: " -> "))
            }
        case .noRelationship(let from, let to):
            lines.append("rule: no graph path from \(from) to \(to)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
