/// One object of the garden as the graph sees it: its kind and the references its handler reads.
public enum GardenObject: Hashable, Sendable {
    case seed(SeedReferences)
    case shoot(ShootReferences)
    case project(ProjectReferences)
    case secretBinding(SecretBindingReferences)
    case credentialsBinding(CredentialsBindingReferences)
    case backupBucket(BackupBucketReferences)
    case backupEntry(BackupEntryReferences)
    case bastion(BastionReferences)
    case controllerDeployment(ControllerDeploymentReferences)
    case controllerInstallation(ControllerInstallationReferences)
    case managedSeed(ManagedSeedReferences)
    case gardenlet(GardenletReferences)
    case certificateSigningRequest(CertificateSigningRequestReferences)
    case serviceAccount(ServiceAccountReferences)

    /// The graph metrics' `kind` label.
    public var kind: String {
        switch self {
        case .seed: "Seed"
        case .shoot: "Shoot"
        case .project: "Project"
        case .secretBinding: "SecretBinding"
        case .credentialsBinding: "CredentialsBinding"
        case .backupBucket: "BackupBucket"
        case .backupEntry: "BackupEntry"
        case .bastion: "Bastion"
        case .controllerDeployment: "ControllerDeployment"
        case .controllerInstallation: "ControllerInstallation"
        case .managedSeed: "ManagedSeed"
        case .gardenlet: "Gardenlet"
        case .certificateSigningRequest: "CertificateSigningRequest"
        case .serviceAccount: "ServiceAccount"
        }
    }
}

/// A change to the garden, as an informer would deliver it.
public enum GraphEvent: Sendable, Equatable {
    case added(GardenObject)
    case updated(old: GardenObject, new: GardenObject)
    case deleted(GardenObject)
    /// Runs the object's create-or-update handler whatever changed (Gardener does this for the
    /// ManagedSeed of a Seed that was added or whose client certificate changed).
    case reconcile(GardenObject)
}
