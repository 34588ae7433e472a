/// The special cases of Gardener's seed authorizer, each checked before its resource's rule.
enum SpecialCases {
    /// gardenlet deletes its bootstrap ClusterRoleBinding after bootstrapping, before its Seed
    /// exists, so the graph cannot help (`authorizeClusterRoleBinding`).
    static let bootstrapClusterRoleBindingDeletion: ResourceRule.SpecialCase = { attributes, identity in
        let prefix = "gardener.cloud:system:seed-bootstrapper:"
        guard attributes.verb == "delete", attributes.name.hasPrefix(prefix) else { return nil }
        // ManagedSeedInfoFromClusterRoleBindingName: "<ns>:<name>" (or "<name>"), then the
        // gardenlet-bootstrap- prefix stripped from the name.
        let parts = attributes.name.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        var namespace = "", name = parts.first.map(String.init) ?? ""
        if parts.count > 1 {
            namespace = String(parts[0])
            name = String(parts[1])
        }
        if name.hasPrefix("gardenlet-bootstrap-") { name.removeFirst("gardenlet-bootstrap-".count) }
        guard namespace == "garden", name == identity.seedName else { return nil }
        return Verdict(.allow, .specialCase("bootstrapClusterRoleBindingDeletion"))
    }

    /// Everyone may read `gardener-system-public/gardener-info` (`authorizeConfigMap`).
    static let gardenerInfoConfigMap: ResourceRule.SpecialCase = { attributes, _ in
        guard attributes.verb == "get", attributes.namespace == "gardener-system-public",
              attributes.name == "gardener-info" else { return nil }
        return Verdict(.allow, .specialCase("gardenerInfoConfigMap"))
    }

    /// Events need no graph: create or patch, no subresource; the verb is checked first (`authorizeEvent`).
    static let event: ResourceRule.SpecialCase = { attributes, _ in
        guard attributes.verb == "create" || attributes.verb == "patch" else {
            return Verdict(.noOpinion(reason: Reasons.onlyVerbs(["create", "patch"])), .verb)
        }
        guard attributes.subresource.isEmpty else {
            return Verdict(.noOpinion(reason: Reasons.onlySubresources([])), .subresource)
        }
        return Verdict(.allow, .specialCase("event"))
    }

    /// Extension clients may only use leases in the seed namespace, without the graph
    /// (`authorizeLease`); the reason lists the verbs in Gardener's (unsorted) order.
    static let extensionLease: ResourceRule.SpecialCase = { attributes, identity in
        guard attributes.namespace == identity.seedNamespace else {
            return Verdict(.noOpinion(reason: Reasons.leaseNotInSeedNamespace), .namespace)
        }
        let verbs = ["create", "get", "list", "watch", "update", "patch", "delete", "deletecollection"]
        guard verbs.contains(attributes.verb) else { return Verdict(.noOpinion(reason: Reasons.onlyVerbs(verbs)), .verb) }
        return Verdict(.allow, .specialCase("extensionLease"))
    }

    /// gardenlets read the secrets of their `seed-<name>` namespace (`authorizeSecret`).
    static let secretsInSeedNamespace: ResourceRule.SpecialCase = { attributes, identity in
        guard ["get", "list", "watch"].contains(attributes.verb), attributes.namespace == identity.seedNamespace else {
            return nil
        }
        return Verdict(.allow, .specialCase("secretsInSeedNamespace"))
    }

    /// gardenlet deletes its bootstrap token before its Seed exists (`authorizeSecret`).
    static let bootstrapTokenDeletion: ResourceRule.SpecialCase = { attributes, identity in
        guard attributes.verb == "delete", attributes.namespace == "kube-system",
              attributes.name.hasPrefix("bootstrap-token-"),
              attributes.name == BootstrapToken.secretName(namespace: "garden", name: identity.seedName) else { return nil }
        return Verdict(.allow, .specialCase("bootstrapTokenDeletion"))
    }

    /// gardenlet deletes its bootstrap ServiceAccount before its Seed exists (`authorizeServiceAccount`).
    static let bootstrapServiceAccountDeletion: ResourceRule.SpecialCase = { attributes, identity in
        guard attributes.verb == "delete", attributes.namespace == "garden",
              attributes.name == "gardenlet-bootstrap-" + identity.seedName else { return nil }
        return Verdict(.allow, .specialCase("bootstrapServiceAccountDeletion"))
    }

    /// Any verb on service accounts in the seed namespace (`authorizeServiceAccount`).
    static let serviceAccountsInSeedNamespace: ResourceRule.SpecialCase = { attributes, identity in
        guard attributes.namespace == identity.seedNamespace else { return nil }
        return Verdict(.allow, .specialCase("serviceAccountsInSeedNamespace"))
    }

    /// gardenlet reads its own Shoot `garden/<seed>` when the seed is a self-hosted shoot (`authorizeShoot`).
    static let ownSelfHostedShoot: ResourceRule.SpecialCase = { attributes, identity in
        guard attributes.verb == "get", attributes.namespace == "garden", attributes.name == identity.seedName else {
            return nil
        }
        return Verdict(.allow, .specialCase("ownSelfHostedShoot"))
    }
}
