import JSON

/// The parts of an embedded `GardenletConfiguration` (`spec.gardenlet.config` of a ManagedSeed,
/// `spec.config` of a Gardenlet) that create edges: the seed template's backup credentials and
/// resources (`ExtractSeedTemplateAndGardenletConfig`).
struct GardenletConfiguration: Hashable, Sendable {
    var seedBackupCredentials: TypedReference?
    var seedResources: [TypedReference]

    /// Nil when the configuration does not decode: absent, not an object, or of another kind or
    /// version than `gardenlet.config.gardener.cloud/v1alpha1 GardenletConfiguration`.
    init?(_ config: JSONValue?) {
        guard let config, config.objectValue != nil else { return nil }
        if let apiVersion = config["apiVersion"]?.stringValue, apiVersion != "gardenlet.config.gardener.cloud/v1alpha1" {
            return nil
        }
        if let kind = config["kind"]?.stringValue, kind != "GardenletConfiguration" { return nil }
        let seedSpec = config.at("seedConfig", "spec")
        seedBackupCredentials = TypedReference(seedSpec?.at("backup", "credentialsRef"))
        seedResources = seedSpec.map { $0.resourceReferences("resources") } ?? []
    }
}
