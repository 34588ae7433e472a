// BackupEntry ns/E (eventhandler_backupentry.go):
//   BackupBucket <spec.bucketName> -> BackupEntry ns/E
//   BackupEntry ns/E -> Seed <spec.seedName>, -> Seed <status.seedName>
//   BackupEntry ns/E -> Shoot ns/<owner reference of kind Shoot>
extension GraphStore {
    func applyBackupEntry(_ entry: BackupEntryReferences) {
        deleteAllIncomingEdges(from: .backupBucket, to: .backupEntry, entry.namespace, entry.name)
        deleteAllOutgoingEdges(from: .backupEntry, entry.namespace, entry.name, to: .shoot)
        deleteAllOutgoingEdges(from: .backupEntry, entry.namespace, entry.name, to: .seed)

        let entryVertex = getOrCreateVertex(.backupEntry, entry.namespace, entry.name)
        addEdgeLocked(getOrCreateVertex(.backupBucket, "", entry.bucketName), entryVertex)
        if let seed = entry.specSeedName { addEdgeLocked(entryVertex, getOrCreateVertex(.seed, "", seed)) }
        if let seed = entry.statusSeedName { addEdgeLocked(entryVertex, getOrCreateVertex(.seed, "", seed)) }
        if let shoot = entry.ownerShoot { addEdgeLocked(entryVertex, getOrCreateVertex(.shoot, entry.namespace, shoot)) }
    }
}
