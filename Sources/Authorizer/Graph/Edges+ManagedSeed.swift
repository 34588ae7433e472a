// ManagedSeed garden/M (eventhandler_managedseed.go, seed flavour):
//   Seed M -> ManagedSeed garden/M -> Shoot garden/<spec.shoot.name>;  ManagedSeed -> Seed M
//   Secret|WorkloadIdentity <seed template backup credentialsRef> -> ManagedSeed
//   Secret|ConfigMap|WorkloadIdentity garden/<seed template resources[]> -> Seed M
//   while bootstrapping is allowed:
//     BootstrapToken: Secret kube-system/bootstrap-token-<sha256("garden--M")[:6]> -> ManagedSeed
//     ServiceAccount: ServiceAccount garden/gardenlet-bootstrap-M -> ManagedSeed,
//                     ClusterRoleBinding gardener.cloud:system:seed-bootstrapper:garden:gardenlet-bootstrap-M -> ManagedSeed
extension GraphStore {
    func applyManagedSeed(_ managedSeed: ManagedSeedReferences) {
        let ns = managedSeed.namespace, name = managedSeed.name
        deleteAllIncomingEdges(from: .seed, to: .managedSeed, ns, name)
        // Gardener passes the ManagedSeed's namespace for the cluster-scoped Seed here, so this
        // finds no vertex; kept for parity.
        deleteAllIncomingEdges(from: .secret, to: .seed, ns, name)
        for kind: VertexKind in [.secret, .workloadIdentity, .serviceAccount, .clusterRoleBinding] {
            deleteAllIncomingEdges(from: kind, to: .managedSeed, ns, name)
        }
        deleteAllOutgoingEdges(from: .managedSeed, ns, name, to: .shoot)
        deleteAllOutgoingEdges(from: .managedSeed, ns, name, to: .seed)

        let seedVertex = getOrCreateVertex(.seed, "", name)
        let managedSeedVertex = getOrCreateVertex(.managedSeed, ns, name)
        let shootVertex = getOrCreateVertex(.shoot, ns, managedSeed.shootName)
        addEdgeLocked(seedVertex, managedSeedVertex)
        addEdgeLocked(managedSeedVertex, shootVertex)
        addEdgeLocked(managedSeedVertex, seedVertex)

        guard managedSeed.configDecodes else { return }
        if let credentials = managedSeed.seedBackupCredentials, let kind = credentials.credentialsKind {
            addEdgeLocked(getOrCreateVertex(kind, credentials.namespace, credentials.name), managedSeedVertex)
        }
        addSeedResources(managedSeed.seedResources, to: seedVertex)

        guard let bootstrap = managedSeed.bootstrap, managedSeed.allowBootstrap else { return }
        switch bootstrap {
        case .token:
            let secret = BootstrapToken.secretName(namespace: ns, name: name)
            addEdgeLocked(getOrCreateVertex(.secret, "kube-system", secret), managedSeedVertex)
        case .serviceAccount:
            let serviceAccount = "gardenlet-bootstrap-" + name
            let binding = "gardener.cloud:system:seed-bootstrapper:\(ns):\(serviceAccount)"
            addEdgeLocked(getOrCreateVertex(.serviceAccount, ns, serviceAccount), managedSeedVertex)
            addEdgeLocked(getOrCreateVertex(.clusterRoleBinding, "", binding), managedSeedVertex)
        case .none:
            break
        }
    }
}
