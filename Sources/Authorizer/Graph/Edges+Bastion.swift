// Bastion ns/X (eventhandler_bastion.go):
//   Bastion ns/X -> Seed <spec.seedName>
extension GraphStore {
    func applyBastion(_ bastion: BastionReferences) {
        deleteAllOutgoingEdges(from: .bastion, bastion.namespace, bastion.name, to: .seed)
        let bastionVertex = getOrCreateVertex(.bastion, bastion.namespace, bastion.name)
        if let seed = bastion.seedName { addEdgeLocked(bastionVertex, getOrCreateVertex(.seed, "", seed)) }
    }
}
