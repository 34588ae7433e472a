// ControllerInstallation I (eventhandler_controllerinstallation.go):
//   ControllerRegistration <spec.registrationRef> -> ControllerInstallation I
//   ControllerInstallation I -> Seed <spec.seedRef>, -> Shoot <spec.shootRef>
//   ControllerDeployment <spec.deploymentRef>     -> ControllerInstallation I
extension GraphStore {
    func applyControllerInstallation(_ installation: ControllerInstallationReferences) {
        deleteVertex(.controllerInstallation, "", installation.name)
        let installationVertex = getOrCreateVertex(.controllerInstallation, "", installation.name)
        addEdgeLocked(getOrCreateVertex(.controllerRegistration, "", installation.registrationName), installationVertex)
        if let seed = installation.seedName {
            addEdgeLocked(installationVertex, getOrCreateVertex(.seed, "", seed))
        }
        if let shoot = installation.shoot {
            addEdgeLocked(installationVertex, getOrCreateVertex(.shoot, shoot.namespace, shoot.name))
        }
        if let deployment = installation.deploymentName {
            addEdgeLocked(getOrCreateVertex(.controllerDeployment, "", deployment), installationVertex)
        }
    }
}
