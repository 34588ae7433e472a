import JSON

/// What the graph reads from a BackupBucket (cluster-scoped).
public struct BackupBucketReferences: Hashable, Sendable {
    public var name: String
    public var credentials: TypedReference?
    public var seedName: String?
    public var generatedSecret: ObjectReference?
    public var shoot: ObjectReference?
    public init(name: String, credentials: TypedReference? = nil, seedName: String? = nil,
                generatedSecret: ObjectReference? = nil, shoot: ObjectReference? = nil) {
        self.name = name
        self.credentials = credentials
        self.seedName = seedName
        self.generatedSecret = generatedSecret
        self.shoot = shoot
    }
    init(_ object: JSONValue) {
        let generated = object.at("status", "generatedSecretRef")
        let shoot = object.at("spec", "shootRef")
        self.init(
            name: object.metadataName,
            credentials: TypedReference(object.at("spec", "credentialsRef")),
            seedName: object.at("spec", "seedName")?.stringValue,
            generatedSecret: generated?.objectValue == nil ? nil
                : ObjectReference(generated?.string("namespace") ?? "", generated?.string("name") ?? ""),
            shoot: shoot?.objectValue == nil ? nil
                : ObjectReference(shoot?.string("namespace") ?? "", shoot?.string("name") ?? "")
        )
    }

    /// `eventhandler_backupbucket.go` UpdateFunc: seed name, credentials, generated secret.
    func edgeFieldsDiffer(from other: BackupBucketReferences) -> Bool {
        seedName != other.seedName || credentials != other.credentials || generatedSecret != other.generatedSecret
    }
}
