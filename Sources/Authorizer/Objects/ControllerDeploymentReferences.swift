import JSON

/// What the graph reads from a ControllerDeployment (`core.gardener.cloud/v1`): the secrets and
/// config maps in `garden`, and only when `helm.ociRepository` is set
/// (`eventhandler_controllerdeployment.go`, `extractControllerDeploymentInfo`).
public struct ControllerDeploymentReferences: Hashable, Sendable {
    public var name: String
    public var secretNames: [String]
    public var configMapNames: [String]
    public init(name: String, secretNames: [String] = [], configMapNames: [String] = []) {
        self.name = name
        self.secretNames = secretNames
        self.configMapNames = configMapNames
    }
    init(_ object: JSONValue) {
        var secrets: [String] = []
        var configMaps: [String] = []
        if let repository = object.at("helm", "ociRepository"), repository.objectValue != nil {
            if repository["pullSecretRef"]?.objectValue != nil { secrets.append(repository.string("pullSecretRef", "name")) }
            if repository["caBundleSecretRef"]?.objectValue != nil { secrets.append(repository.string("caBundleSecretRef", "name")) }
            for resource in object.array("resources") {
                switch resource.string("resourceRef", "kind") {
                case "Secret": secrets.append(resource.string("resourceRef", "name"))
                case "ConfigMap": configMaps.append(resource.string("resourceRef", "name"))
                default: break
                }
            }
        }
        self.init(name: object.metadataName, secretNames: secrets, configMapNames: configMaps)
    }

    var hasReferences: Bool { !secretNames.isEmpty || !configMapNames.isEmpty }

    /// The update handler compares the references as sets.
    func edgeFieldsDiffer(from other: ControllerDeploymentReferences) -> Bool {
        Set(secretNames) != Set(other.secretNames) || Set(configMapNames) != Set(other.configMapNames)
    }
}
