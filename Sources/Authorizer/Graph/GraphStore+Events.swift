extension GraphStore {
    /// Applies one event with Gardener's handler semantics: each handler replaces only its own
    /// edges, and an update re-runs the handler only when the fields it reads changed.
    /// Returns the metrics `operation` label, or nil when the event changed nothing.
    @discardableResult
    func apply(_ event: GraphEvent) -> String? {
        switch event {
        case .added(let object):
            return add(object)
        case .reconcile(let object):
            return add(object, reconciling: true)
        case .deleted(let object):
            delete(object)
            return "Delete"
        case .updated(let old, let new):
            guard needsUpdate(old: old, new: new) else { return nil }
            return add(new, reconciling: true)
        }
    }

    private func add(_ object: GardenObject, reconciling: Bool = false) -> String? {
        switch object {
        case .seed(let seed): applySeed(seed)
        case .shoot(let shoot): applyShoot(shoot)
        case .project(let project): applyProject(project)
        case .secretBinding(let binding): applySecretBinding(binding)
        case .credentialsBinding(let binding): applyCredentialsBinding(binding)
        case .backupBucket(let bucket): applyBackupBucket(bucket)
        case .backupEntry(let entry): applyBackupEntry(entry)
        case .bastion(let bastion): applyBastion(bastion)
        case .controllerDeployment(let deployment):
            // The add handler skips deployments without references; the update handler does not.
            guard deployment.hasReferences || reconciling else { return nil }
            applyControllerDeployment(deployment)
        case .controllerInstallation(let installation): applyControllerInstallation(installation)
        case .managedSeed(let managedSeed): applyManagedSeed(managedSeed)
        case .gardenlet(let gardenlet):
            applyGardenlet(gardenlet)
            return "Create"
        case .certificateSigningRequest(let csr):
            applyCertificateSigningRequest(csr)
            return "Create"
        case .serviceAccount(let serviceAccount):
            guard serviceAccount.hasHandledPrefix || reconciling else { return nil }
            applyServiceAccount(serviceAccount)
        }
        return "CreateOrUpdate"
    }

    private func delete(_ object: GardenObject) {
        switch object {
        case .seed(let seed): deleteVertex(.seed, "", seed.name)
        case .shoot(let shoot): deleteVertex(.shoot, shoot.namespace, shoot.name)
        case .project(let project): deleteVertex(.project, "", project.name)
        case .secretBinding(let binding): deleteVertex(.secretBinding, binding.namespace, binding.name)
        case .credentialsBinding(let binding): deleteVertex(.credentialsBinding, binding.namespace, binding.name)
        case .backupBucket(let bucket): deleteVertex(.backupBucket, "", bucket.name)
        case .backupEntry(let entry): deleteVertex(.backupEntry, entry.namespace, entry.name)
        case .bastion(let bastion): deleteVertex(.bastion, bastion.namespace, bastion.name)
        case .controllerDeployment(let deployment): deleteVertex(.controllerDeployment, "", deployment.name)
        case .controllerInstallation(let installation): deleteVertex(.controllerInstallation, "", installation.name)
        case .managedSeed(let managedSeed): deleteVertex(.managedSeed, managedSeed.namespace, managedSeed.name)
        case .gardenlet(let gardenlet): deleteVertex(.gardenlet, gardenlet.namespace, gardenlet.name)
        case .certificateSigningRequest(let csr): deleteVertex(.certificateSigningRequest, "", csr.name)
        case .serviceAccount(let serviceAccount):
            guard serviceAccount.hasHandledPrefix else { return }
            deleteVertex(.serviceAccount, serviceAccount.namespace, serviceAccount.name)
        }
    }

    /// The UpdateFunc filters of Gardener's event handlers.
    private func needsUpdate(old: GardenObject, new: GardenObject) -> Bool {
        switch (old, new) {
        case (.seed(let o), .seed(let n)): return n.edgeFieldsDiffer(from: o)
        case (.shoot(let o), .shoot(let n)): return n.edgeFieldsDiffer(from: o) || !hasExpectedBindingEdges(n)
        case (.project(let o), .project(let n)): return o.namespace != n.namespace
        case (.secretBinding(let o), .secretBinding(let n)): return o.secret != n.secret
        case (.credentialsBinding(let o), .credentialsBinding(let n)): return o.credentials != n.credentials
        case (.backupBucket(let o), .backupBucket(let n)): return n.edgeFieldsDiffer(from: o)
        case (.backupEntry(let o), .backupEntry(let n)): return o != n
        case (.bastion(let o), .bastion(let n)): return o.seedName != n.seedName
        case (.controllerDeployment(let o), .controllerDeployment(let n)): return n.edgeFieldsDiffer(from: o)
        case (.controllerInstallation(let o), .controllerInstallation(let n)): return n.edgeFieldsDiffer(from: o)
        case (.managedSeed, .managedSeed), (.gardenlet, .gardenlet): return true
        case (.serviceAccount(let o), .serviceAccount(let n)): return o.secrets != n.secrets
        case (.certificateSigningRequest, .certificateSigningRequest): return false
        default: return true
        }
    }
}
