// SecretBinding ns/B (eventhandler_secretbinding.go):
//   Secret <secretRef.namespace>/<secretRef.name> -> SecretBinding ns/B
extension GraphStore {
    func applySecretBinding(_ binding: SecretBindingReferences) {
        deleteAllIncomingEdges(from: .secret, to: .secretBinding, binding.namespace, binding.name)
        let bindingVertex = getOrCreateVertex(.secretBinding, binding.namespace, binding.name)
        addEdgeLocked(getOrCreateVertex(.secret, binding.secret.namespace, binding.secret.name), bindingVertex)
    }
}
