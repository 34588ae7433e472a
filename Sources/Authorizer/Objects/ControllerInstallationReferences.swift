import JSON

/// What the graph reads from a ControllerInstallation.
public struct ControllerInstallationReferences: Hashable, Sendable {
    public var name: String
    public var registrationName: String
    public var seedName: String?
    public var shoot: ObjectReference?
    public var deploymentName: String?
    public init(name: String, registrationName: String, seedName: String? = nil, shoot: ObjectReference? = nil,
                deploymentName: String? = nil) {
        self.name = name
        self.registrationName = registrationName
        self.seedName = seedName
        self.shoot = shoot
        self.deploymentName = deploymentName
    }
    init(_ object: JSONValue) {
        let spec = object["spec"]
        self.init(
            name: object.metadataName,
            registrationName: spec?.string("registrationRef", "name") ?? "",
            seedName: spec?["seedRef"]?.objectValue == nil ? nil : spec?.string("seedRef", "name"),
            shoot: spec?["shootRef"]?.objectValue == nil ? nil
                : ObjectReference(spec?.string("shootRef", "namespace") ?? "", spec?.string("shootRef", "name") ?? ""),
            deploymentName: spec?["deploymentRef"]?.objectValue == nil ? nil : spec?.string("deploymentRef", "name")
        )
    }

    /// `eventhandler_controllerinstallation.go` UpdateFunc: a seed ref that changes name (both set),
    /// the registration, or the deployment. A seed ref that appears or a new shoot ref does not count.
    func edgeFieldsDiffer(from old: ControllerInstallationReferences) -> Bool {
        if let oldSeed = old.seedName, let newSeed = seedName, oldSeed != newSeed { return true }
        return old.registrationName != registrationName || (old.deploymentName ?? "") != (deploymentName ?? "")
    }
}
