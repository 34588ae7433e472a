// BackupBucket B (eventhandler_backupbucket.go):
//   Secret|WorkloadIdentity <spec.credentialsRef> -> BackupBucket B
//   BackupBucket B -> Seed <spec.seedName>
//   Secret <status.generatedSecretRef>            -> BackupBucket B
//   BackupBucket B -> Shoot <spec.shootRef>
extension GraphStore {
    func applyBackupBucket(_ bucket: BackupBucketReferences) {
        deleteAllIncomingEdges(from: .secret, to: .backupBucket, "", bucket.name)
        deleteAllIncomingEdges(from: .workloadIdentity, to: .backupBucket, "", bucket.name)
        deleteAllOutgoingEdges(from: .backupBucket, "", bucket.name, to: .seed)

        let bucketVertex = getOrCreateVertex(.backupBucket, "", bucket.name)
        if let credentials = bucket.credentials, let kind = credentials.credentialsKind {
            addEdgeLocked(getOrCreateVertex(kind, credentials.namespace, credentials.name), bucketVertex)
        }
        if let seed = bucket.seedName { addEdgeLocked(bucketVertex, getOrCreateVertex(.seed, "", seed)) }
        if let secret = bucket.generatedSecret {
            addEdgeLocked(getOrCreateVertex(.secret, secret.namespace, secret.name), bucketVertex)
        }
        if let shoot = bucket.shoot {
            addEdgeLocked(bucketVertex, getOrCreateVertex(.shoot, shoot.namespace, shoot.name))
        }
    }
}
