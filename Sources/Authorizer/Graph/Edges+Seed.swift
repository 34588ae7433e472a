// Seed S (eventhandler_seed.go):
//   Namespace seed-S                         -> Seed S
//   ConfigMap kube-system/cluster-identity   -> Seed S
//   Lease gardener-system-seed-lease/S       -> Seed S
//   Secret|WorkloadIdentity backup/DNS creds -> Seed S
//   Secret|ConfigMap|WorkloadIdentity garden/<spec.resources[]> -> Seed S
extension GraphStore {
    func applySeed(_ seed: SeedReferences) {
        deleteAllIncomingEdges(from: .secret, to: .seed, "", seed.name)
        deleteAllIncomingEdges(from: .workloadIdentity, to: .seed, "", seed.name)
        deleteAllIncomingEdges(from: .namespace, to: .seed, "", seed.name)
        deleteAllIncomingEdges(from: .lease, to: .seed, "", seed.name)
        deleteAllIncomingEdges(from: .configMap, to: .seed, "", seed.name)

        let seedVertex = getOrCreateVertex(.seed, "", seed.name)
        addEdgeLocked(getOrCreateVertex(.namespace, "", "seed-" + seed.name), seedVertex)
        addEdgeLocked(getOrCreateVertex(.configMap, "kube-system", "cluster-identity"), seedVertex)
        addEdgeLocked(getOrCreateVertex(.lease, "gardener-system-seed-lease", seed.name), seedVertex)

        let credentials = [seed.backupCredentials, seed.dnsProviderCredentials, seed.dnsInternalCredentials]
            + seed.dnsDefaultsCredentials
        for case let reference? in credentials {
            guard let kind = reference.credentialsKind else { continue }
            addEdgeLocked(getOrCreateVertex(kind, reference.namespace, reference.name), seedVertex)
        }
        addSeedResources(seed.resources, to: seedVertex)
    }

    /// `addSeedResources`: resources always live in namespace `garden`.
    func addSeedResources(_ resources: [TypedReference], to seedVertex: Int32) {
        for resource in resources {
            guard let kind = resource.resourceKind else { continue }
            addEdgeLocked(getOrCreateVertex(kind, "garden", resource.name), seedVertex)
        }
    }
}
