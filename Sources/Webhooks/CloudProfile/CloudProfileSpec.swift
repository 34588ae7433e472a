import JSON

/// The parts of a (Namespaced)CloudProfile `spec` that version lifecycles concern, read from
/// the JSON document. The document itself stays the source of truth for everything else.
public struct CloudProfileSpec: Sendable, Equatable {
    public struct MachineImage: Sendable, Equatable {
        public var name: String
        public var hasUpdateStrategy: Bool
        public var versions: [ExpirableVersion]

        public init(name: String, hasUpdateStrategy: Bool = false, versions: [ExpirableVersion]) {
            self.name = name
            self.hasUpdateStrategy = hasUpdateStrategy
            self.versions = versions
        }
    }

    /// Whether `spec.kubernetes` is set (optional in a NamespacedCloudProfile).
    public var hasKubernetes: Bool
    public var kubernetesVersions: [ExpirableVersion]
    public var machineImages: [MachineImage]

    public init(hasKubernetes: Bool = true, kubernetesVersions: [ExpirableVersion], machineImages: [MachineImage] = []) {
        self.hasKubernetes = hasKubernetes
        self.kubernetesVersions = kubernetesVersions
        self.machineImages = machineImages
    }

    /// Reads `object.spec`; a missing spec or list is empty, as Go's decoder leaves it.
    public init(object: JSONValue) throws(CloudProfileDecodeError) {
        guard object.objectValue != nil else { throw CloudProfileDecodeError(FieldPath("<object>"), "must be a JSON object") }
        // Paths are spelled out at the throw sites so that they are only built for an error.
        let spec = try Self.object(object["spec"], FieldPath("spec"))
        let kubernetes = try Self.object(spec?["kubernetes"], FieldPath("spec", "kubernetes"))
        hasKubernetes = kubernetes != nil
        kubernetesVersions = []
        for (index, version) in try Self.array(kubernetes?["versions"], FieldPath("spec", "kubernetes", "versions")).enumerated() {
            kubernetesVersions.append(try ExpirableVersion(json: version, path: FieldPath("spec", "kubernetes", "versions").index(index)))
        }
        machineImages = []
        for (index, image) in try Self.array(spec?["machineImages"], FieldPath("spec", "machineImages")).enumerated() {
            func imagePath() -> FieldPath { FieldPath("spec", "machineImages").index(index) }
            guard let imageObject = image.objectValue else { throw CloudProfileDecodeError(imagePath(), "must be an object") }
            let name = try ExpirableVersion.string(imageObject["name"], imagePath().child("name")) ?? ""
            let strategy = try ExpirableVersion.string(imageObject["updateStrategy"], imagePath().child("updateStrategy")) ?? ""
            var versions: [ExpirableVersion] = []
            for (versionIndex, version) in try Self.array(imageObject["versions"], imagePath().child("versions")).enumerated() {
                versions.append(try ExpirableVersion(json: version, path: imagePath().child("versions").index(versionIndex)))
            }
            machineImages.append(MachineImage(name: name, hasUpdateStrategy: !strategy.isEmpty, versions: versions))
        }
    }

    static func object(_ value: JSONValue?, _ path: @autoclosure () -> FieldPath) throws(CloudProfileDecodeError) -> JSONObject? {
        switch value {
        case nil, .null?: return nil
        case .object(let object)?: return object
        default: throw CloudProfileDecodeError(path(), "must be an object")
        }
    }

    static func array(_ value: JSONValue?, _ path: @autoclosure () -> FieldPath) throws(CloudProfileDecodeError) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        default: throw CloudProfileDecodeError(path(), "must be an array")
        }
    }
}
