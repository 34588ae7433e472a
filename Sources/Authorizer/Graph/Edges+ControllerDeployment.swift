// ControllerDeployment D (eventhandler_controllerdeployment.go), only with helm.ociRepository:
//   Secret garden/<pullSecretRef|caBundleSecretRef|resources[] Secret> -> ControllerDeployment D
//   ConfigMap garden/<resources[] ConfigMap>                            -> ControllerDeployment D
extension GraphStore {
    func applyControllerDeployment(_ deployment: ControllerDeploymentReferences) {
        deleteAllIncomingEdges(from: .secret, to: .controllerDeployment, "", deployment.name)
        deleteAllIncomingEdges(from: .configMap, to: .controllerDeployment, "", deployment.name)
        let deploymentVertex = getOrCreateVertex(.controllerDeployment, "", deployment.name)
        for secret in deployment.secretNames {
            addEdgeLocked(getOrCreateVertex(.secret, "garden", secret), deploymentVertex)
        }
        for configMap in deployment.configMapNames {
            addEdgeLocked(getOrCreateVertex(.configMap, "garden", configMap), deploymentVertex)
        }
    }
}
