import Prometheus

/// The Seed Authorizer's Prometheus metrics. Every labelled series is created up front, so
/// recording is an atomic increment or one histogram observation, never a registry look-up.
public final class AuthorizerMetrics: GraphObserver, Sendable {
    /// `decision` label values.
    public enum DecisionLabel: Int, Sendable, CaseIterable {
        case allow, noOpinion, error
        var text: String { ["allow", "no-opinion", "error"][rawValue] }
    }

    /// `resource` label for requests that match no rule, and for non-resource requests.
    public static let otherResource = "other"
    public static let nonResourceRequest = "nonresource"

    private let decisions: [String: [Counter]]
    private let pathChecks: [ValueHistogram]
    private let updates: [String: ValueHistogram]
    private let vertices: Gauge
    private let edges: Gauge
    public let stateReloads: Counter
    public let stateReloadFailures: Counter
    public let stateObjects: Gauge
    public let stateLastReloadTimestamp: Gauge

    /// Gardener's buckets: 0.1 ms doubling to ~200 ms (`pkg/utils/graph/metrics.go`).
    public static let graphBuckets: [Double] = (0..<12).map { 0.0001 * Double(1 << $0) }

    public init(registry: PrometheusCollectorRegistry) {
        var decisions: [String: [Counter]] = [:]
        let resources = SeedRules.table.keys.map(\.description) + [Self.otherResource, Self.nonResourceRequest]
        for resource in resources {
            decisions[resource] = DecisionLabel.allCases.map { decision in
                registry.makeCounter(name: "seed_webhooks_authorizer_decisions_total",
                                     labels: [("decision", decision.text), ("resource", resource)],
                                     help: "Seed Authorizer decisions by decision and resource.")
            }
        }
        self.decisions = decisions
        pathChecks = VertexKind.allCases.map { kind in
            registry.makeValueHistogram(
                name: "gardener_admission_controller_seed_authorizer_graph_path_check_duration_seconds",
                labels: [("fromKind", kind.kind), ("toKind", "Seed")], buckets: Self.graphBuckets,
                help: "Histogram of duration of checks whether a path exists in the resource dependency graph in seed authorizer.")
        }
        var updates: [String: ValueHistogram] = [:]
        let kinds = ["Seed", "Shoot", "Project", "SecretBinding", "CredentialsBinding", "BackupBucket", "BackupEntry",
                     "Bastion", "ControllerDeployment", "ControllerInstallation", "ManagedSeed", "Gardenlet",
                     "CertificateSigningRequest", "ServiceAccount"]
        for kind in kinds {
            for operation in ["CreateOrUpdate", "Create", "Delete"] {
                updates["\(kind)/\(operation)"] = registry.makeValueHistogram(
                    name: "gardener_admission_controller_seed_authorizer_graph_update_duration_seconds",
                    labels: [("kind", kind), ("operation", operation)], buckets: Self.graphBuckets,
                    help: "Histogram of duration of resource dependency graph updates in seed authorizer.")
            }
        }
        self.updates = updates
        vertices = registry.makeGauge(name: "seed_webhooks_graph_vertices", help: "Vertices in the resource graph.")
        edges = registry.makeGauge(name: "seed_webhooks_graph_edges", help: "Edges in the resource graph.")
        stateReloads = registry.makeCounter(name: "seed_webhooks_state_reloads_total",
                                            help: "Successful loads of the garden state from --state.")
        stateReloadFailures = registry.makeCounter(name: "seed_webhooks_state_reload_failures_total",
                                                   help: "Loads of the garden state that failed; the previous state stayed in force.")
        stateObjects = registry.makeGauge(name: "seed_webhooks_state_objects", help: "Objects of the garden state that create edges.")
        stateLastReloadTimestamp = registry.makeGauge(name: "seed_webhooks_state_last_reload_timestamp_seconds",
                                                      help: "When the garden state was last loaded successfully.")
    }

    /// Counts one decision; `resource` is a rule key, `otherResource` or `nonResourceRequest`.
    public func recordDecision(_ decision: DecisionLabel, resource: String) {
        (decisions[resource] ?? decisions[Self.otherResource])?[decision.rawValue].increment()
    }

    public func graphUpdated(kind: String, operation: String, seconds: Double) {
        updates["\(kind)/\(operation)"]?.record(seconds)
    }

    public func pathChecked(fromKind: VertexKind, toKind: VertexKind, seconds: Double) {
        guard toKind == .seed else { return }
        pathChecks[Int(fromKind.rawValue)].record(seconds)
    }

    public func graphSize(vertices: Int, edges: Int) {
        self.vertices.set(Double(vertices))
        self.edges.set(Double(edges))
    }
}
