import ArgumentParser
import HTTPServer
import JSON
import Webhooks

#if canImport(Glibc)
import Glibc
#endif

struct AdmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admit",
        abstract: "Answer one AdmissionReview offline, exactly as the endpoint would.",
        discussion: """
        Reads an AdmissionReview (admission.k8s.io/v1 or v1beta1) from FILE or standard input and prints \
        the body the endpoint answers. A review the endpoint refuses with HTTP 400 prints the error body and \
        exits 1. NAME is the endpoint path's last two segments, e.g. validate/cloudprofiles; --list shows them.

        Settings use the same keys as `serve`: --config FILE, and a flag per key that wins over the file.
        """
    )

    @Option(name: .customLong("webhook"), help: ArgumentHelp("The webhook to run, e.g. validate/cloudprofiles.", valueName: "NAME"))
    var webhook: String?

    @Flag(help: "List the webhooks and exit.")
    var list = false

    @Argument(help: "The AdmissionReview file, or - for standard input.")
    var file: String = "-"

    @Option(name: .customLong("config"), help: "The YAML configuration file.")
    var config: String?

    @Option(help: "The time CloudProfile lifecycles are evaluated at, RFC 3339 (default: now).")
    var now: String?

    @Option(help: "GEP-32 lifecycle validation: true or false (versionClassificationLifecycle).") var versionClassificationLifecycle: String?
    @Option(help: "Rewrite legacy classification into lifecycle: true or false (migrateLegacyClassification).") var migrateLegacyClassification: String?
    @Option(help: "Token-requestor class label value (tokenRequestor.class).") var tokenRequestorClass: String?
    @Option(help: "CA bundle injected into token-requestor secrets (tokenRequestor.caBundleFile).") var tokenRequestorCaBundleFile: String?
    @Option(help: "Runtime cluster Kubernetes version (trafficDistribution.kubernetesVersion).") var trafficDistributionKubernetesVersion: String?
    @Option(help: "Topology-aware routing opt-in label (trafficDistribution.label).") var trafficDistributionLabel: String?

    func validate() throws {
        if !list && webhook == nil { throw ValidationError("--webhook NAME is required (see --list)") }
    }

    func run() throws {
        let set = AdmissionWebhookSet(configuration: try loadConfiguration(), clock: try clock())
        if list {
            print(Self.listing(set), terminator: "")
            return
        }
        guard let name = webhook, let webhook = set.webhook(named: name) else {
            let name = self.webhook ?? ""
            if let reason = set.unavailableReason(named: name) { throw ValidationError("\(name) is not available: \(reason)") }
            throw ValidationError("no webhook named \(name) (see --list)")
        }
        let body = try readInput(file)
        let handler = AdmissionReviewHandler(webhook: webhook)
        let answer: [UInt8]
        do {
            answer = try handler.review(body)
        } catch let error as AdmissionReviewError {
            write(HTTPError(400, error.description).response.body)
            throw ExitCode(1)
        } catch {
            FileHandleStandardError.write("seed-webhooks admit: \(webhook.name) failed: \(error)\n")
            write(HTTPError(500, "internal error in admission webhook \(webhook.name)").response.body)
            throw ExitCode(1)
        }
        write(answer)
    }

    private func write(_ bytes: [UInt8]) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let count = rest.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            rest = rest.dropFirst(count)
        }
    }

    private func clock() throws -> @Sendable () -> Timestamp {
        guard let now else { return Timestamp.now }
        guard let time = Timestamp(rfc3339: now) else {
            throw ValidationError("--now \(now) is not an RFC 3339 date-time such as 2026-06-01T00:00:00Z")
        }
        return { time }
    }

    /// The file's settings, then the flags given; only the webhook settings matter here, so files
    /// that `serve` needs (certificates, kubeconfigs) are not required.
    private func loadConfiguration() throws -> Configuration {
        var configuration = Configuration()
        do {
            if let config { try ConfigurationLoader.apply(file: config, to: &configuration) }
        } catch {
            throw ValidationError(error.description)
        }
        let given: [(String, String?)] = [
            ("versionClassificationLifecycle", versionClassificationLifecycle),
            ("migrateLegacyClassification", migrateLegacyClassification),
            ("tokenRequestor.class", tokenRequestorClass), ("tokenRequestor.caBundleFile", tokenRequestorCaBundleFile),
            ("trafficDistribution.kubernetesVersion", trafficDistributionKubernetesVersion),
            ("trafficDistribution.label", trafficDistributionLabel),
        ]
        for case let (key, value?) in given {
            do {
                try ConfigurationKeys.apply(key, .flag(value), to: &configuration)
            } catch {
                throw ValidationError("--\(ConfigurationLoader.kebab(key)): \(error.text)")
            }
        }
        return configuration
    }

    /// One line per webhook: NAME, kind, path, and for left-out webhooks why.
    static func listing(_ set: AdmissionWebhookSet) -> String {
        var rows = set.webhooks.map { [AdmissionWebhookSet.shortName($0.path), $0.mutating ? "mutating" : "validating", "POST " + $0.path, ""] }
        rows += set.unavailable.map { [AdmissionWebhookSet.shortName($0.path), $0.path.contains("/mutate/") ? "mutating" : "validating", "POST " + $0.path, "(unavailable: \($0.reason))"] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            var line = ""
            for column in 0..<3 { line += row[column] + String(repeating: " ", count: widths[column] - row[column].count + 2) }
            line += row[3]
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
