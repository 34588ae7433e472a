// CredentialsBinding ns/B (eventhandler_credentialsbinding.go):
//   WorkloadIdentity | InternalSecret | Secret <credentialsRef> -> CredentialsBinding ns/B
extension GraphStore {
    func applyCredentialsBinding(_ binding: CredentialsBindingReferences) {
        for kind: VertexKind in [.secret, .internalSecret, .workloadIdentity] {
            deleteAllIncomingEdges(from: kind, to: .credentialsBinding, binding.namespace, binding.name)
        }
        let bindingVertex = getOrCreateVertex(.credentialsBinding, binding.namespace, binding.name)
        if let kind = binding.credentialsKind, let credentials = binding.credentials {
            addEdgeLocked(getOrCreateVertex(kind, credentials.namespace, credentials.name), bindingVertex)
        }
    }
}
