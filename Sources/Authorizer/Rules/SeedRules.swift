/// The per-resource rules for gardenlets, one entry per resource in the order of
/// `gardener-behaviour.md` A.7 (Gardener `pkg/admissioncontroller/webhook/auth/seed/authorizer.go`).
/// Special cases are named functions in `SpecialCases.swift`; extension clients use
/// `ExtensionRules.overrides` where they differ.
public enum SeedRules {
    static let core = "core.gardener.cloud"

    public static let table: [GroupResource: ResourceRule] = build([
        (GroupResource(core, "backupbuckets"),
         ResourceRule(.backupBucket, allowed: ["update", "patch", "delete"], alwaysAllowed: ["create", "get", "list", "watch"],
                      subresources: ["status", "finalizers"])),
        (GroupResource(core, "backupentries"),
         ResourceRule(.backupEntry, allowed: ["update", "patch", "delete"], alwaysAllowed: ["create", "get", "list", "watch"],
                      subresources: ["status"])),
        (GroupResource("operations.gardener.cloud", "bastions"),
         ResourceRule(.bastion, allowed: ["get", "list", "watch", "update", "patch"], alwaysAllowed: ["create"],
                      subresources: ["status"], selector: .field("spec.seedName"))),
        (GroupResource("certificates.k8s.io", "certificatesigningrequests"),
         ResourceRule(.certificateSigningRequest, allowed: ["get", "list", "watch"], alwaysAllowed: ["create"],
                      subresources: ["seedclient"])),
        (GroupResource(core, "cloudprofiles"), .read(.cloudProfile)),
        (GroupResource(core, "namespacedcloudprofiles"), .read(.namespacedCloudProfile)),
        (GroupResource(core, "controllerdeployments"), .read(.controllerDeployment)),
        (GroupResource("security.gardener.cloud", "credentialsbindings"), .read(.credentialsBinding)),
        (GroupResource(core, "exposureclasses"), .read(.exposureClass)),
        (GroupResource("", "namespaces"), .read(.namespace)),
        (GroupResource(core, "projects"), .read(.project)),
        (GroupResource(core, "secretbindings"), .read(.secretBinding)),
        (GroupResource("rbac.authorization.k8s.io", "clusterrolebindings"),
         ResourceRule(.clusterRoleBinding, allowed: ["get", "patch", "update"], alwaysAllowed: ["create"],
                      special: [SpecialCases.bootstrapClusterRoleBindingDeletion])),
        (GroupResource("", "configmaps"),
         ResourceRule(.configMap, allowed: ["get", "patch", "update", "delete", "list", "watch"], alwaysAllowed: ["create"],
                      special: [SpecialCases.gardenerInfoConfigMap])),
        (GroupResource(core, "controllerinstallations"),
         ResourceRule(.controllerInstallation, allowed: ["get", "list", "watch", "update", "patch"],
                      subresources: ["status"], selector: .field("spec.seedRef.name"))),
        (GroupResource(core, "controllerregistrations"),
         ResourceRule(.controllerRegistration, alwaysAllowed: ["get", "list", "watch"])),
        (GroupResource("", "events"), .special(.seed, SpecialCases.event)),
        (GroupResource("events.k8s.io", "events"), .special(.seed, SpecialCases.event)),
        (GroupResource(core, "internalsecrets"),
         ResourceRule(.internalSecret, allowed: ["get", "update", "patch", "delete", "list", "watch"], alwaysAllowed: ["create"])),
        (GroupResource("coordination.k8s.io", "leases"),
         ResourceRule(.lease, allowed: ["get", "update", "patch", "list", "watch"], alwaysAllowed: ["create"])),
        (GroupResource("seedmanagement.gardener.cloud", "gardenlets"),
         ResourceRule(.gardenlet, allowed: ["get", "list", "watch", "update", "patch"], alwaysAllowed: ["create"],
                      subresources: ["status"], namespaces: ["garden"], selector: .field("metadata.name"))),
        (GroupResource("seedmanagement.gardener.cloud", "managedseeds"),
         ResourceRule(.managedSeed, allowed: ["get", "list", "watch", "update", "patch"], subresources: ["status"],
                      selector: .seedNameLabel)),
        (GroupResource("", "secrets"),
         ResourceRule(.secret, allowed: ["get", "patch", "update", "delete"], alwaysAllowed: ["create"],
                      special: [SpecialCases.secretsInSeedNamespace, SpecialCases.bootstrapTokenDeletion])),
        (GroupResource("security.gardener.cloud", "workloadidentities"),
         ResourceRule(.workloadIdentity, allowed: ["get", "list", "watch", "create", "patch"], subresources: ["token"])),
        (GroupResource(core, "seeds"),
         ResourceRule(.seed, allowed: ["get", "list", "watch", "update", "patch", "delete"], alwaysAllowed: ["create"],
                      subresources: ["status"], selector: .seedNameLabel)),
        (GroupResource("", "serviceaccounts"),
         ResourceRule(.serviceAccount, allowed: ["get", "patch", "update"], alwaysAllowed: ["create"],
                      special: [SpecialCases.bootstrapServiceAccountDeletion, SpecialCases.serviceAccountsInSeedNamespace])),
        (GroupResource(core, "shoots"),
         ResourceRule(.shoot, allowed: ["get", "list", "watch", "update", "patch"], subresources: ["status", "finalizers"],
                      selector: .seedNameLabel, special: [SpecialCases.ownSelfHostedShoot])),
        (GroupResource(core, "shootstates"),
         ResourceRule(.shootState, allowed: ["get", "update", "patch", "delete", "list", "watch"], alwaysAllowed: ["create"])),
    ])

    /// Builds a table and traps on a duplicate key, so a resource cannot silently get two rules.
    static func build(_ entries: [(GroupResource, ResourceRule)]) -> [GroupResource: ResourceRule] {
        var table: [GroupResource: ResourceRule] = [:]
        for (key, var rule) in entries {
            precondition(table[key] == nil, "duplicate rule for \(key)")
            rule.resourceName = key.description
            table[key] = rule
        }
        return table
    }
}

/// Where extension clients (`system:serviceaccount:seed-<name>:extension-*`) differ from gardenlets.
public enum ExtensionRules {
    public static let overrides: [GroupResource: ResourceRule] = SeedRules.build([
        (GroupResource("certificates.k8s.io", "certificatesigningrequests"), .read(.certificateSigningRequest)),
        // The read-only subset of gardenlet's permissions: get, but not list/watch.
        (GroupResource("rbac.authorization.k8s.io", "clusterrolebindings"), ResourceRule(.clusterRoleBinding, allowed: ["get"])),
        (GroupResource("coordination.k8s.io", "leases"), .special(.lease, SpecialCases.extensionLease)),
        (GroupResource("", "serviceaccounts"), ResourceRule(.serviceAccount, allowed: ["get"])),
    ])
}
