import JSON

/// The parts of a (Namespaced)CloudProfile that version lifecycles concern, read from the
/// object's JSON bytes in one pass (`JSONReader`, no document built). The document itself stays
/// the source of truth for everything else.
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
    /// Whether the object has a `status` member (read along, for the create strategy that clears it).
    public var hasStatus: Bool

    public init(hasKubernetes: Bool = true, kubernetesVersions: [ExpirableVersion], machineImages: [MachineImage] = [], hasStatus: Bool = false) {
        self.hasKubernetes = hasKubernetes
        self.kubernetesVersions = kubernetesVersions
        self.machineImages = machineImages
        self.hasStatus = hasStatus
    }

    /// Reads an object document.
    public init(object: JSONValue) throws(CloudProfileDecodeError) {
        let bytes = JSONWriter.serialize(object)
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(CloudProfileDecodeError) in try CloudProfileSpec(objectBytes: buffer) }
    }

    /// Reads `spec` from an object's bytes. A missing spec or list is empty, as Go's decoder
    /// leaves it; a member of the wrong type is a `CloudProfileDecodeError` naming its path. Of
    /// repeated members the last counts, as with Go's decoder.
    public init(objectBytes: UnsafeBufferPointer<UInt8>) throws(CloudProfileDecodeError) {
        var reader = JSONReader(objectBytes)
        do {
            self = try Self.readObject(&reader)
        } catch let error as CloudProfileDecodeError {
            throw error
        } catch {
            throw CloudProfileDecodeError(FieldPath("<object>"), "not JSON: \(error)")
        }
    }

    // Paths are spelled out at the throw sites so that they are only built for an error.

    private static func readObject(_ reader: inout JSONReader) throws -> CloudProfileSpec {
        guard try reader.next() == .objectStart else { throw CloudProfileDecodeError(FieldPath("<object>"), "must be a JSON object") }
        var spec = CloudProfileSpec(hasKubernetes: false, kubernetesVersions: [])
        while case .key(let key)? = try reader.next() {
            if reader.matches(key, "spec") {
                spec = CloudProfileSpec(hasKubernetes: false, kubernetesVersions: [], hasStatus: spec.hasStatus)
                switch try reader.next() {
                case .objectStart?: try readSpec(&reader, into: &spec)
                case .null?: break
                default: throw CloudProfileDecodeError(FieldPath("spec"), "must be an object")
                }
            } else if reader.matches(key, "status") {
                spec.hasStatus = true
                try reader.skipValue()
            } else {
                try reader.skipValue()
            }
        }
        return spec
    }

    private static func readSpec(_ reader: inout JSONReader, into spec: inout CloudProfileSpec) throws {
        while case .key(let key)? = try reader.next() {
            if reader.matches(key, "kubernetes") {
                spec.hasKubernetes = false
                spec.kubernetesVersions = []
                switch try reader.next() {
                case .objectStart?:
                    spec.hasKubernetes = true
                    while case .key(let member)? = try reader.next() {
                        guard reader.matches(member, "versions") else { try reader.skipValue(); continue }
                        spec.kubernetesVersions = []
                        guard try reader.arrayStart(FieldPath("spec", "kubernetes", "versions")) else { continue }
                        var index = 0
                        while try reader.nextElement() {
                            spec.kubernetesVersions.append(try ExpirableVersion.read(&reader, FieldPath("spec", "kubernetes", "versions").index(index)))
                            index += 1
                        }
                    }
                case .null?:
                    break
                default:
                    throw CloudProfileDecodeError(FieldPath("spec", "kubernetes"), "must be an object")
                }
            } else if reader.matches(key, "machineImages") {
                spec.machineImages = []
                guard try reader.arrayStart(FieldPath("spec", "machineImages")) else { continue }
                var index = 0
                while try reader.nextElement() {
                    spec.machineImages.append(try readImage(&reader, FieldPath("spec", "machineImages").index(index)))
                    index += 1
                }
            } else {
                try reader.skipValue()
            }
        }
    }

    private static func readImage(_ reader: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> MachineImage {
        guard try reader.next() == .objectStart else { throw CloudProfileDecodeError(path(), "must be an object") }
        var image = MachineImage(name: "", versions: [])
        while case .key(let key)? = try reader.next() {
            if reader.matches(key, "name") {
                image.name = try reader.optionalString(path().child("name")) ?? ""
            } else if reader.matches(key, "updateStrategy") {
                image.hasUpdateStrategy = !(try reader.optionalString(path().child("updateStrategy")) ?? "").isEmpty
            } else if reader.matches(key, "versions") {
                image.versions = []
                guard try reader.arrayStart(path().child("versions")) else { continue }
                var index = 0
                while try reader.nextElement() {
                    image.versions.append(try ExpirableVersion.read(&reader, path().child("versions").index(index)))
                    index += 1
                }
            } else {
                try reader.skipValue()
            }
        }
        return image
    }
}

extension ExpirableVersion {
    /// Reads one version object (`version`, `expirationDate`, `classification`, `lifecycle`).
    static func read(_ reader: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> ExpirableVersion {
        guard try reader.next() == .objectStart else { throw CloudProfileDecodeError(path(), "must be an object") }
        var version = ExpirableVersion("")
        while case .key(let key)? = try reader.next() {
            if reader.matches(key, "version") {
                version.version = try reader.optionalString(path().child("version")) ?? ""
            } else if reader.matches(key, "expirationDate") {
                version.expirationDate = try reader.optionalTime(path().child("expirationDate"))
            } else if reader.matches(key, "classification") {
                version.classification = try reader.optionalString(path().child("classification")).map(VersionClassification.init(rawValue:))
            } else if reader.matches(key, "lifecycle") {
                version.lifecycle = []
                version.hasLifecycleField = false
                guard try reader.arrayStart(path().child("lifecycle")) else { continue }
                version.hasLifecycleField = true
                var index = 0
                while try reader.nextElement() {
                    version.lifecycle.append(try readStage(&reader, path().child("lifecycle").index(index)))
                    index += 1
                }
            } else {
                try reader.skipValue()
            }
        }
        return version
    }

    private static func readStage(_ reader: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> LifecycleStage {
        guard try reader.next() == .objectStart else { throw CloudProfileDecodeError(path(), "must be an object") }
        var stage = LifecycleStage(VersionClassification(""))
        while case .key(let key)? = try reader.next() {
            if reader.matches(key, "classification") {
                stage.classification = VersionClassification(try reader.optionalString(path().child("classification")) ?? "")
            } else if reader.matches(key, "startTime") {
                stage.startTime = try reader.optionalTime(path().child("startTime"))
            } else {
                try reader.skipValue()
            }
        }
        return stage
    }
}

private extension JSONReader {
    /// A string member; nil for null; anything else is an error at `path`.
    mutating func optionalString(_ path: @autoclosure () -> FieldPath) throws -> String? {
        switch try next() {
        case .string(let span)?: return string(span)
        case .null?: return nil
        default: throw CloudProfileDecodeError(path(), "must be a string")
        }
    }

    /// An RFC 3339 time member (`metav1.Time`); nil for null. Read from the bytes in place
    /// unless escaped (times are on the request path of every version).
    mutating func optionalTime(_ path: @autoclosure () -> FieldPath) throws -> Timestamp? {
        let mark = self
        if case .string(let span)? = try next(), !span.hasEscapes, let time = Timestamp(rfc3339: bytes(span.start..<span.end)) {
            return time
        }
        self = mark
        guard let text = try optionalString(path()) else { return nil }
        guard let time = Timestamp(rfc3339: text) else {
            throw CloudProfileDecodeError(path(), "\(goQuote(text)) is not an RFC 3339 date-time")
        }
        return time
    }

    /// Reads the `[` of an array member: true; false for null; anything else is an error at `path`.
    mutating func arrayStart(_ path: @autoclosure () -> FieldPath) throws -> Bool {
        switch try next() {
        case .arrayStart?: return true
        case .null?: return false
        default: throw CloudProfileDecodeError(path(), "must be an array")
        }
    }

    /// Whether another element follows in the array being read (consumes its `]` when not).
    /// The element itself is read by the caller, starting with its first token.
    mutating func nextElement() throws -> Bool {
        let floor = depth
        let mark = self
        switch try next() {
        case .arrayEnd? where depth < floor:
            return false
        default:
            self = mark
            return true
        }
    }
}
