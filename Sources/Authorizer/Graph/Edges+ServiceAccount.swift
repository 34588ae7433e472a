// ServiceAccount ns/A (eventhandler_serviceaccount.go), gardenlet-bootstrap-* and extension-shoot--*:
//   Secret ns/<secrets[].name> -> ServiceAccount ns/A
extension GraphStore {
    func applyServiceAccount(_ serviceAccount: ServiceAccountReferences) {
        deleteAllIncomingEdges(from: .secret, to: .serviceAccount, serviceAccount.namespace, serviceAccount.name)
        let accountVertex = getOrCreateVertex(.serviceAccount, serviceAccount.namespace, serviceAccount.name)
        for secret in serviceAccount.secrets {
            addEdgeLocked(getOrCreateVertex(.secret, serviceAccount.namespace, secret), accountVertex)
        }
    }
}
