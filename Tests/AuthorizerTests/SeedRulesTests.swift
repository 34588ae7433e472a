import Authorizer
import Testing

/// One row of a rule table test: the request and the exact expected answer (nil reason = allow).
struct RuleCase: CustomTestStringConvertible, Sendable {
    var name: String
    var attributes: AuthorizationAttributes
    var reason: String?
    var testDescription: String { name }

    static func allows(_ name: String, _ attributes: AuthorizationAttributes) -> RuleCase {
        RuleCase(name: "allows " + name, attributes: attributes, reason: nil)
    }
    static func noOpinion(_ name: String, _ attributes: AuthorizationAttributes, _ reason: String) -> RuleCase {
        RuleCase(name: "no opinion " + name, attributes: attributes, reason: reason)
    }
}

private func g(_ seed: String, _ verb: String, _ group: String, _ resource: String, namespace: String = "", name: String = "",
               subresource: String = "", labels: [WireRequirement]? = nil, fields: [WireRequirement]? = nil) -> AuthorizationAttributes {
    TestGarden.gardenlet(seed, verb, group, resource, namespace: namespace, name: name, subresource: subresource,
                         labels: labels, fields: fields)
}
private func x(_ seed: String, _ verb: String, _ group: String, _ resource: String, namespace: String = "", name: String = "",
               subresource: String = "") -> AuthorizationAttributes {
    TestGarden.extensionClient(seed, verb, group, resource, namespace: namespace, name: name, subresource: subresource)
}
private let core = "core.gardener.cloud"
private let seedLabel = [WireRequirement(key: "name.seed.gardener.cloud/local", op: "In", values: ["true"])]
private let verbs = "only the following verbs are allowed for this resource type: "
private let subresources = "only the following subresources are allowed for this resource type: "
private let mustSelect = "must specify field or label selector for name local"

struct SeedRulesTests {
    static let gardenletCases: [RuleCase] = [
        // backupbuckets
        .allows("backupbucket create without graph", g("local", "create", core, "backupbuckets", name: "new")),
        .allows("backupbucket list always", g("local", "list", core, "backupbuckets")),
        .allows("backupbucket update of own bucket", g("local", "update", core, "backupbuckets", name: "bucket-local")),
        .allows("backupbucket patch finalizers", g("local", "patch", core, "backupbuckets", name: "bucket-local", subresource: "finalizers")),
        .noOpinion("backupbucket update of other seed's bucket because no path", g("local", "update", core, "backupbuckets", name: "bucket-other"), "no relationship found"),
        .noOpinion("backupbucket deletecollection because of verb", g("local", "deletecollection", core, "backupbuckets"), verbs + "[create delete get list patch update watch]"),
        .noOpinion("backupbucket scale because of subresource", g("local", "update", core, "backupbuckets", name: "bucket-local", subresource: "scale"), subresources + "[finalizers status]"),
        // backupentries
        .allows("backupentry get always", g("local", "get", core, "backupentries", namespace: "garden-x", name: "any")),
        .allows("backupentry patch status of own entry", g("local", "patch", core, "backupentries", namespace: "garden-local", name: "entry-local", subresource: "status")),
        .noOpinion("backupentry finalizers because of subresource", g("local", "patch", core, "backupentries", namespace: "garden-local", name: "entry-local", subresource: "finalizers"), subresources + "[status]"),
        .allows("backupentry delete of unknown entry", g("local", "delete", core, "backupentries", namespace: "garden-local", name: "gone")),
        // bastions
        .allows("bastion create", g("local", "create", "operations.gardener.cloud", "bastions", namespace: "garden-local", name: "new")),
        .allows("bastion get of own bastion", g("local", "get", "operations.gardener.cloud", "bastions", namespace: "garden-local", name: "bastion-local")),
        .noOpinion("bastion get of other bastion", g("local", "get", "operations.gardener.cloud", "bastions", namespace: "garden-other", name: "bastion-other"), "no relationship found"),
        .allows("bastion list with seed field selector", g("local", "list", "operations.gardener.cloud", "bastions", fields: [WireRequirement(key: "spec.seedName", op: "In", values: ["local"])])),
        .noOpinion("bastion list without selector", g("local", "list", "operations.gardener.cloud", "bastions"), mustSelect),
        .noOpinion("bastion delete because of verb", g("local", "delete", "operations.gardener.cloud", "bastions", namespace: "garden-local", name: "bastion-local"), verbs + "[create get list patch update watch]"),
        // certificatesigningrequests
        .allows("csr create", g("local", "create", "certificates.k8s.io", "certificatesigningrequests", name: "new")),
        .allows("csr get of own csr", g("local", "get", "certificates.k8s.io", "certificatesigningrequests", name: "csr-local")),
        .allows("csr seedclient subresource", g("local", "get", "certificates.k8s.io", "certificatesigningrequests", name: "csr-local", subresource: "seedclient")),
        .noOpinion("csr get of other seed's csr", g("local", "get", "certificates.k8s.io", "certificatesigningrequests", name: "csr-other"), "no relationship found"),
        .noOpinion("csr approval subresource", g("local", "update", "certificates.k8s.io", "certificatesigningrequests", name: "csr-local", subresource: "approval"), subresources + "[seedclient]"),
        .noOpinion("csr delete because of verb", g("local", "delete", "certificates.k8s.io", "certificatesigningrequests", name: "csr-local"), verbs + "[create get list watch]"),
        // read-only resources
        .allows("cloudprofile get of own shoot's profile", g("local", "get", core, "cloudprofiles", name: "profile-local")),
        .noOpinion("cloudprofile get of unrelated profile", g("local", "get", core, "cloudprofiles", name: "profile-other"), "no relationship found"),
        .noOpinion("cloudprofile list without name because no selector is configured", g("local", "list", core, "cloudprofiles"), mustSelect),
        .noOpinion("cloudprofile create because of verb", g("local", "create", core, "cloudprofiles", name: "x"), verbs + "[get list watch]"),
        .noOpinion("cloudprofile status because of subresource", g("local", "get", core, "cloudprofiles", name: "profile-local", subresource: "status"), subresources + "[]"),
        .allows("cloudprofile list of one object by name", g("local", "list", core, "cloudprofiles", name: "profile-local")),
        .noOpinion("namespacedcloudprofile of other seed", g("local", "get", core, "namespacedcloudprofiles", namespace: "garden-other", name: "profile-other"), "no relationship found"),
        .allows("controllerdeployment get via installation", g("local", "get", core, "controllerdeployments", name: "deployment-local")),
        .allows("credentialsbinding get of own shoot's binding", g("local", "get", "security.gardener.cloud", "credentialsbindings", namespace: "garden-local", name: "creds-local")),
        .allows("exposureclass get of own shoot's class", g("local", "get", core, "exposureclasses", name: "exposure-local")),
        .allows("namespace get of own shoot's namespace (namespace cleared)", g("local", "get", "", "namespaces", namespace: "garden-local", name: "garden-local")),
        .allows("namespace get of seed namespace", g("local", "get", "", "namespaces", namespace: "seed-local", name: "seed-local")),
        .noOpinion("namespace get of other seed's shoot namespace", g("local", "get", "", "namespaces", namespace: "garden-other", name: "garden-other"), "no relationship found"),
        .allows("project get of own shoot's project", g("local", "get", core, "projects", name: "local")),
        .allows("secretbinding get of own shoot's binding", g("local", "get", core, "secretbindings", namespace: "garden-local", name: "binding-local")),
        .noOpinion("secretbinding watch of all", g("local", "watch", core, "secretbindings"), mustSelect),
        // clusterrolebindings
        .allows("clusterrolebinding delete of own bootstrap binding", g("local", "delete", "rbac.authorization.k8s.io", "clusterrolebindings", name: "gardener.cloud:system:seed-bootstrapper:garden:gardenlet-bootstrap-local")),
        .noOpinion("clusterrolebinding delete of other seed's bootstrap binding", g("local", "delete", "rbac.authorization.k8s.io", "clusterrolebindings", name: "gardener.cloud:system:seed-bootstrapper:garden:gardenlet-bootstrap-other"), verbs + "[create get patch update]"),
        .noOpinion("clusterrolebinding delete in another namespace", g("local", "delete", "rbac.authorization.k8s.io", "clusterrolebindings", name: "gardener.cloud:system:seed-bootstrapper:shoots:gardenlet-bootstrap-local"), verbs + "[create get patch update]"),
        .allows("clusterrolebinding create", g("local", "create", "rbac.authorization.k8s.io", "clusterrolebindings", name: "x")),
        .allows("clusterrolebinding get of bootstrap binding of own managed seed", g("local", "get", "rbac.authorization.k8s.io", "clusterrolebindings", name: "gardener.cloud:system:seed-bootstrapper:garden:gardenlet-bootstrap-managed-local")),
        .noOpinion("clusterrolebinding list because of verb", g("local", "list", "rbac.authorization.k8s.io", "clusterrolebindings"), verbs + "[create get patch update]"),
        // configmaps
        .allows("configmap get of gardener-info", g("local", "get", "", "configmaps", namespace: "gardener-system-public", name: "gardener-info")),
        .noOpinion("configmap update of gardener-info", g("local", "update", "", "configmaps", namespace: "gardener-system-public", name: "gardener-info"), "no relationship found"),
        .allows("configmap get of own shoot's ca", g("local", "get", "", "configmaps", namespace: "garden-local", name: "a.ca-cluster")),
        .allows("configmap get of cluster-identity", g("local", "get", "", "configmaps", namespace: "kube-system", name: "cluster-identity")),
        .allows("configmap create", g("local", "create", "", "configmaps", namespace: "garden-local", name: "x")),
        .noOpinion("configmap deletecollection", g("local", "deletecollection", "", "configmaps", namespace: "garden-local"), verbs + "[create delete get list patch update watch]"),
        // controllerinstallations
        .allows("controllerinstallation get of own", g("local", "get", core, "controllerinstallations", name: "installation-local")),
        .allows("controllerinstallation list with seedRef field", g("local", "list", core, "controllerinstallations", fields: [WireRequirement(key: "spec.seedRef.name", op: "In", values: ["local"])])),
        .noOpinion("controllerinstallation list for other seed", g("local", "list", core, "controllerinstallations", fields: [WireRequirement(key: "spec.seedRef.name", op: "In", values: ["other"])]), mustSelect),
        .noOpinion("controllerinstallation get of other", g("local", "patch", core, "controllerinstallations", name: "installation-other", subresource: "status"), "no relationship found"),
        .noOpinion("controllerinstallation create", g("local", "create", core, "controllerinstallations", name: "x"), verbs + "[get list patch update watch]"),
        .noOpinion("controllerinstallation delete", g("local", "delete", core, "controllerinstallations", name: "installation-local"), verbs + "[get list patch update watch]"),
        // controllerregistrations
        .allows("controllerregistration list always", g("local", "list", core, "controllerregistrations")),
        .allows("controllerregistration get of anything", g("local", "get", core, "controllerregistrations", name: "registration-other")),
        .noOpinion("controllerregistration create", g("local", "create", core, "controllerregistrations", name: "x"), verbs + "[get list watch]"),
        // events
        .allows("event create", g("local", "create", "", "events", namespace: "garden-local", name: "e")),
        .allows("event patch (events.k8s.io)", g("local", "patch", "events.k8s.io", "events", namespace: "garden-local", name: "e")),
        .noOpinion("event get because of verb", g("local", "get", "", "events", namespace: "garden-local", name: "e"), verbs + "[create patch]"),
        .noOpinion("event get with subresource because verb is checked first", g("local", "get", "events.k8s.io", "events", name: "e", subresource: "status"), verbs + "[create patch]"),
        .noOpinion("event create with subresource", g("local", "create", "", "events", name: "e", subresource: "status"), subresources + "[]"),
        // internalsecrets
        .allows("internalsecret get of own shoot's ca-client", g("local", "get", core, "internalsecrets", namespace: "garden-local", name: "a.ca-client")),
        .allows("internalsecret create", g("local", "create", core, "internalsecrets", namespace: "garden-local", name: "x")),
        .noOpinion("internalsecret of other seed's shoot", g("local", "get", core, "internalsecrets", namespace: "garden-other", name: "b.ca-client"), "no relationship found"),
        .noOpinion("internalsecret deletecollection", g("local", "deletecollection", core, "internalsecrets", namespace: "garden-local"), verbs + "[create delete get list patch update watch]"),
        // leases
        .allows("lease get of own seed lease", g("local", "get", "coordination.k8s.io", "leases", namespace: "gardener-system-seed-lease", name: "local")),
        .allows("lease create", g("local", "create", "coordination.k8s.io", "leases", namespace: "gardener-system-seed-lease", name: "local")),
        .noOpinion("lease get of other seed lease", g("local", "update", "coordination.k8s.io", "leases", namespace: "gardener-system-seed-lease", name: "other"), "no relationship found"),
        .noOpinion("lease delete", g("local", "delete", "coordination.k8s.io", "leases", namespace: "gardener-system-seed-lease", name: "local"), verbs + "[create get list patch update watch]"),
        .noOpinion("lease in seed namespace for gardenlet (graph)", g("local", "get", "coordination.k8s.io", "leases", namespace: "seed-local", name: "x"), "no relationship found"),
        // gardenlets
        .allows("gardenlet get of own", g("local", "get", "seedmanagement.gardener.cloud", "gardenlets", namespace: "garden", name: "local")),
        .allows("gardenlet list with metadata.name field", g("local", "list", "seedmanagement.gardener.cloud", "gardenlets", namespace: "garden", name: "local", fields: [WireRequirement(key: "metadata.name", op: "In", values: ["local"])])),
        .noOpinion("gardenlet list of one object by name without selector", g("local", "list", "seedmanagement.gardener.cloud", "gardenlets", namespace: "garden", name: "local"), mustSelect),
        .noOpinion("gardenlet watch of other gardenlet", g("local", "watch", "seedmanagement.gardener.cloud", "gardenlets", namespace: "garden", name: "other", fields: [WireRequirement(key: "metadata.name", op: "In", values: ["other"])]), mustSelect),
        .noOpinion("gardenlet outside garden", g("local", "get", "seedmanagement.gardener.cloud", "gardenlets", namespace: "garden-local", name: "local"), "only the following namespaces are allowed for this resource type: [garden]"),
        .noOpinion("gardenlet cluster-wide list", g("local", "list", "seedmanagement.gardener.cloud", "gardenlets"), "only the following namespaces are allowed for this resource type: [garden]"),
        .allows("gardenlet create", g("local", "create", "seedmanagement.gardener.cloud", "gardenlets", namespace: "garden", name: "new")),
        .noOpinion("gardenlet get of other", g("local", "get", "seedmanagement.gardener.cloud", "gardenlets", namespace: "garden", name: "other"), "no relationship found"),
        .noOpinion("gardenlet delete", g("local", "delete", "seedmanagement.gardener.cloud", "gardenlets", namespace: "garden", name: "local"), verbs + "[create get list patch update watch]"),
        // managedseeds
        .allows("managedseed list with seed label", g("local", "list", "seedmanagement.gardener.cloud", "managedseeds", labels: seedLabel)),
        .allows("managedseed get of own managed seed (via its shoot)", g("local", "get", "seedmanagement.gardener.cloud", "managedseeds", namespace: "garden", name: "managed-local")),
        .noOpinion("managedseed list without selector", g("local", "list", "seedmanagement.gardener.cloud", "managedseeds", namespace: "garden"), mustSelect),
        .noOpinion("managedseed create", g("local", "create", "seedmanagement.gardener.cloud", "managedseeds", namespace: "garden", name: "x"), verbs + "[get list patch update watch]"),
        // secrets
        .allows("secret list in seed namespace", g("local", "list", "", "secrets", namespace: "seed-local")),
        .allows("secret get in seed namespace", g("local", "get", "", "secrets", namespace: "seed-local", name: "anything")),
        .allows("secret delete of own bootstrap token", g("local", "delete", "", "secrets", namespace: "kube-system", name: BootstrapToken.secretName(namespace: "garden", name: "local"))),
        .allows("secret get of own shoot's binding secret", g("local", "get", "", "secrets", namespace: "garden-local", name: "secret-local")),
        .allows("secret get of own shoot's implicit secret", g("local", "get", "", "secrets", namespace: "garden-local", name: "a.ssh-keypair.old")),
        .noOpinion("secret list outside the seed namespace", g("local", "list", "", "secrets", namespace: "garden"), verbs + "[create delete get patch update]"),
        .allows("secret delete of unknown secret", g("local", "delete", "", "secrets", namespace: "seed-local", name: "x")),
        .noOpinion("secret delete of other seed's shoot secret", g("local", "delete", "", "secrets", namespace: "garden-other", name: "b.monitoring"), "no relationship found"),
        .noOpinion("secret get of other seed's shoot secret", g("local", "get", "", "secrets", namespace: "garden-other", name: "b.monitoring"), "no relationship found"),
        .allows("secret create", g("local", "create", "", "secrets", namespace: "garden", name: "x")),
        // workloadidentities
        .allows("workloadidentity token of own credentials", g("local", "create", "security.gardener.cloud", "workloadidentities", namespace: "garden-local", name: "wi-local", subresource: "token")),
        .noOpinion("workloadidentity create of unknown", g("local", "create", "security.gardener.cloud", "workloadidentities", namespace: "garden-local", name: "x"), "no relationship found"),
        .noOpinion("workloadidentity delete", g("local", "delete", "security.gardener.cloud", "workloadidentities", namespace: "garden-local", name: "wi-local"), verbs + "[create get list patch watch]"),
        .noOpinion("workloadidentity status", g("local", "get", "security.gardener.cloud", "workloadidentities", namespace: "garden-local", name: "wi-local", subresource: "status"), subresources + "[token]"),
        // seeds
        .allows("seed get of own seed", g("local", "get", core, "seeds", name: "local")),
        .allows("seed list with label Exists", g("local", "list", core, "seeds", labels: [WireRequirement(key: "name.seed.gardener.cloud/local", op: "Exists")])),
        .allows("seed create", g("local", "create", core, "seeds", name: "new")),
        .allows("seed delete of unknown seed", g("local", "delete", core, "seeds", name: "unknown")),
        .noOpinion("seed get of other seed", g("local", "get", core, "seeds", name: "other"), "no relationship found"),
        .noOpinion("seed list without selector", g("local", "list", core, "seeds"), mustSelect),
        .noOpinion("seed finalizers", g("local", "update", core, "seeds", name: "local", subresource: "finalizers"), subresources + "[status]"),
        .noOpinion("seed deletecollection", g("local", "deletecollection", core, "seeds"), verbs + "[create delete get list patch update watch]"),
        // serviceaccounts
        .allows("serviceaccount delete of own bootstrap account", g("local", "delete", "", "serviceaccounts", namespace: "garden", name: "gardenlet-bootstrap-local")),
        .allows("serviceaccount deletecollection in seed namespace", g("local", "deletecollection", "", "serviceaccounts", namespace: "seed-local")),
        .allows("serviceaccount token in seed namespace", g("local", "create", "", "serviceaccounts", namespace: "seed-local", name: "x", subresource: "token")),
        .allows("serviceaccount get of own managed seed's bootstrap account", g("local", "get", "", "serviceaccounts", namespace: "garden", name: "gardenlet-bootstrap-managed-local")),
        .allows("serviceaccount create elsewhere", g("local", "create", "", "serviceaccounts", namespace: "garden", name: "x")),
        .noOpinion("serviceaccount delete of other bootstrap account", g("local", "delete", "", "serviceaccounts", namespace: "garden", name: "gardenlet-bootstrap-other"), verbs + "[create get patch update]"),
        .noOpinion("serviceaccount token elsewhere", g("local", "create", "", "serviceaccounts", namespace: "garden", name: "x", subresource: "token"), subresources + "[]"),
        // shoots
        .allows("shoot get of own self-hosted shoot", g("local", "get", core, "shoots", namespace: "garden", name: "local")),
        .allows("shoot get of own shoot", g("local", "get", core, "shoots", namespace: "garden-local", name: "a")),
        .allows("shoot patch status of own shoot", g("local", "patch", core, "shoots", namespace: "garden-local", name: "a", subresource: "status")),
        .allows("shoot list with seed label", g("local", "list", core, "shoots", labels: seedLabel)),
        .noOpinion("shoot list with spec.seedName field", g("local", "list", core, "shoots", fields: [WireRequirement(key: "spec.seedName", op: "In", values: ["local"])]), mustSelect),
        .noOpinion("shoot get of other seed's shoot", g("local", "get", core, "shoots", namespace: "garden-other", name: "b"), "no relationship found"),
        .noOpinion("shoot update of self-hosted shoot name", g("local", "update", core, "shoots", namespace: "garden", name: "local"), "no relationship found"),
        .noOpinion("shoot create", g("local", "create", core, "shoots", namespace: "garden-local", name: "x"), verbs + "[get list patch update watch]"),
        .noOpinion("shoot delete", g("local", "delete", core, "shoots", namespace: "garden-local", name: "a"), verbs + "[get list patch update watch]"),
        .noOpinion("shoot binding subresource", g("local", "update", core, "shoots", namespace: "garden-local", name: "a", subresource: "binding"), subresources + "[finalizers status]"),
        // shootstates
        .allows("shootstate get of own shoot's state", g("local", "get", core, "shootstates", namespace: "garden-local", name: "a")),
        .allows("shootstate create", g("local", "create", core, "shootstates", namespace: "garden-local", name: "x")),
        .noOpinion("shootstate of other seed", g("local", "get", core, "shootstates", namespace: "garden-other", name: "b"), "no relationship found"),
        .noOpinion("shootstate deletecollection", g("local", "deletecollection", core, "shootstates", namespace: "garden-local"), verbs + "[create delete get list patch update watch]"),
        // everything else
        .noOpinion("pods (unhandled resource)", g("local", "get", "", "pods", namespace: "garden-local", name: "p"), ""),
        .noOpinion("shoots of another group (unhandled)", g("local", "get", "example.com", "shoots", namespace: "garden-local", name: "a"), ""),
    ]

    @Test(arguments: gardenletCases)
    func gardenletRule(_ rule: RuleCase) throws {
        try expect(rule)
    }

    static let extensionCases: [RuleCase] = [
        .allows("csr get of own csr", x("local", "get", "certificates.k8s.io", "certificatesigningrequests", name: "csr-local")),
        .noOpinion("csr create", x("local", "create", "certificates.k8s.io", "certificatesigningrequests", name: "x"), verbs + "[get list watch]"),
        .noOpinion("csr seedclient subresource", x("local", "get", "certificates.k8s.io", "certificatesigningrequests", name: "csr-local", subresource: "seedclient"), subresources + "[]"),
        .allows("clusterrolebinding get via graph", x("local", "get", "rbac.authorization.k8s.io", "clusterrolebindings", name: "gardener.cloud:system:seed-bootstrapper:garden:gardenlet-bootstrap-managed-local")),
        .noOpinion("clusterrolebinding delete of own bootstrap binding", x("local", "delete", "rbac.authorization.k8s.io", "clusterrolebindings", name: "gardener.cloud:system:seed-bootstrapper:garden:gardenlet-bootstrap-local"), verbs + "[get]"),
        .noOpinion("clusterrolebinding create", x("local", "create", "rbac.authorization.k8s.io", "clusterrolebindings", name: "x"), verbs + "[get]"),
        .allows("lease deletecollection in seed namespace", x("local", "deletecollection", "coordination.k8s.io", "leases", namespace: "seed-local")),
        .allows("lease get in seed namespace without graph", x("local", "get", "coordination.k8s.io", "leases", namespace: "seed-local", name: "anything")),
        .noOpinion("lease escalate in seed namespace, verbs unsorted", x("local", "escalate", "coordination.k8s.io", "leases", namespace: "seed-local", name: "l"), verbs + "[create get list watch update patch delete deletecollection]"),
        .noOpinion("lease outside seed namespace", x("local", "get", "coordination.k8s.io", "leases", namespace: "gardener-system-seed-lease", name: "local"), "lease object is not in seed namespace"),
        .allows("serviceaccount get via graph", x("local", "get", "", "serviceaccounts", namespace: "garden", name: "gardenlet-bootstrap-managed-local")),
        .noOpinion("serviceaccount create in seed namespace", x("local", "create", "", "serviceaccounts", namespace: "seed-local", name: "x"), verbs + "[get]"),
        .noOpinion("serviceaccount delete of bootstrap account", x("local", "delete", "", "serviceaccounts", namespace: "garden", name: "gardenlet-bootstrap-local"), verbs + "[get]"),
        .noOpinion("serviceaccount token", x("local", "create", "", "serviceaccounts", namespace: "seed-local", name: "x", subresource: "token"), subresources + "[]"),
        .allows("secret list in seed namespace (same as gardenlet)", x("local", "list", "", "secrets", namespace: "seed-local")),
        .noOpinion("secret list elsewhere (same as gardenlet)", x("local", "list", "", "secrets", namespace: "garden"), verbs + "[create delete get patch update]"),
        .allows("shoot get of own shoot (same as gardenlet)", x("local", "get", core, "shoots", namespace: "garden-local", name: "a")),
        .allows("backupbucket create (same as gardenlet)", x("local", "create", core, "backupbuckets", name: "x")),
        .noOpinion("shoot list without selector (same as gardenlet)", x("local", "list", core, "shoots"), mustSelect),
    ]

    @Test(arguments: extensionCases)
    func extensionRule(_ rule: RuleCase) throws {
        try expect(rule)
    }

    private func expect(_ rule: RuleCase) throws {
        let authorizer = SeedAuthorizer(graph: TestGarden.sharedGraph)
        let verdict = try authorizer.authorize(rule.attributes)
        if let reason = rule.reason {
            #expect(verdict.decision == .noOpinion(reason: reason))
        } else {
            #expect(verdict.decision == .allow)
        }
    }

    @Test func everyTableEntryIsReachable() {
        #expect(SeedRules.table.count == 28)  // events are in two groups
        #expect(ExtensionRules.overrides.count == 4)
    }
}
