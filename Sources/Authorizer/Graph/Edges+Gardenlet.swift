// Gardenlet garden/G (eventhandler_gardenlet.go, seed flavour; self-hosted-shoot-* skipped):
//   Gardenlet garden/G -> Seed G
//   Secret|WorkloadIdentity <seed template backup credentialsRef> -> Gardenlet
//   Secret kube-system/bootstrap-token-<sha256("garden--G")[:6]> -> Gardenlet (Seed exists and
//     its client certificate expired, or renew-kubeconfig)
//   Secret garden/<deployment.helm.ociRepository caBundleSecretRef|pullSecretRef> -> Gardenlet
extension GraphStore {
    func applyGardenlet(_ gardenlet: GardenletReferences) {
        guard !gardenlet.isSelfHostedShoot else { return }
        let ns = gardenlet.namespace, name = gardenlet.name
        deleteAllIncomingEdges(from: .secret, to: .gardenlet, ns, name)
        deleteAllIncomingEdges(from: .workloadIdentity, to: .gardenlet, ns, name)
        deleteAllOutgoingEdges(from: .gardenlet, ns, name, to: .seed)

        let gardenletVertex = getOrCreateVertex(.gardenlet, ns, name)
        addEdgeLocked(gardenletVertex, getOrCreateVertex(.seed, "", name))

        guard gardenlet.configDecodes else { return }
        if let credentials = gardenlet.seedBackupCredentials, let kind = credentials.credentialsKind {
            addEdgeLocked(getOrCreateVertex(kind, credentials.namespace, credentials.name), gardenletVertex)
        }
        if gardenlet.allowBootstrap {
            let secret = BootstrapToken.secretName(namespace: ns, name: name)
            addEdgeLocked(getOrCreateVertex(.secret, "kube-system", secret), gardenletVertex)
        }
        if let secret = gardenlet.caBundleSecretName { addEdgeLocked(getOrCreateVertex(.secret, ns, secret), gardenletVertex) }
        if let secret = gardenlet.pullSecretName { addEdgeLocked(getOrCreateVertex(.secret, ns, secret), gardenletVertex) }
    }
}
