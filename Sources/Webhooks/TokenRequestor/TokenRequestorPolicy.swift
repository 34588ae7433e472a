import JSON

/// CA-bundle injection into TokenRequestor secrets, as Gardener's token-requestor controller
/// writes it (`gardener-behaviour.md` C.2, `pkg/controller/tokenrequestor/reconciler.go`),
/// done at admission instead of at the next token write. Pure: documents in, documents out.
public struct TokenRequestorPolicy: Sendable {
    public static let purposeLabel = "resources.gardener.cloud/purpose"
    public static let purposeValue = "token-requestor"
    public static let classLabel = "resources.gardener.cloud/class"
    public static let injectCABundleAnnotation = "serviceaccount.resources.gardener.cloud/inject-ca-bundle"
    public static let kubeconfigKey = "kubeconfig"
    public static let caBundleKey = "bundle.crt"

    static let annotationPath = FieldPath("metadata", "annotations").key(injectCABundleAnnotation)

    /// When set, only secrets labelled `resources.gardener.cloud/class: <class>` are handled.
    public var tokenRequestorClass: String?

    public init(tokenRequestorClass: String? = nil) {
        self.tokenRequestorClass = tokenRequestorClass
    }

    /// What the mutating webhook does with a secret.
    public enum Mutation: Equatable, Sendable {
        /// Nothing to change.
        case unchanged
        /// The secret with the CA injected or `bundle.crt` removed.
        case changed(JSONValue)
        /// The injection that was asked for cannot be done.
        case refused(FieldError)
    }

    /// Whether the secret is a TokenRequestor secret of this class.
    public func applies(to secret: JSONValue) -> Bool {
        let labels = secret["metadata"]?["labels"]
        guard labels?[Self.purposeLabel]?.stringValue == Self.purposeValue else { return false }
        guard let tokenRequestorClass else { return true }
        return labels?[Self.classLabel]?.stringValue == tokenRequestorClass
    }

    /// With injection on, puts `caBundle` into the kubeconfig's current-context cluster when the
    /// secret has a `kubeconfig`, else into `bundle.crt`. With injection off, removes `bundle.crt`
    /// from a secret without `kubeconfig` and leaves a kubeconfig alone (Gardener's `updateSecretData`).
    public func mutate(_ secret: JSONValue, caBundle: [UInt8]) -> Mutation {
        guard applies(to: secret), case .object(let object) = secret else { return .unchanged }
        let inject: Bool
        switch injectionRequested(secret) {
        case .success(let value): inject = value
        case .failure(let error): return .refused(error)
        }
        var data = SecretData(secret: object)

        if data.contains(Self.kubeconfigKey) {
            guard inject else { return .unchanged }
            let entry: SecretData.Entry
            switch data.value(Self.kubeconfigKey) {
            case .failure(let error): return .refused(error)
            case .success(nil): return .unchanged
            case .success(let value?): entry = value
            }
            do {
                var kubeconfig = try Kubeconfig(bytes: entry.bytes)
                if try kubeconfig.currentClusterCertificateAuthorityData() == caBundle { return .unchanged }
                try kubeconfig.setCurrentClusterCertificateAuthorityData(caBundle)
                data.set(Self.kubeconfigKey, to: kubeconfig.encoded())
            } catch {
                return .refused(.invalid(entry.path, .omitted, error.message))
            }
            return .changed(.object(data.secret))
        }

        if inject {
            if case .success(let current?) = data.value(Self.caBundleKey), current.bytes == caBundle {
                return .unchanged
            }
            data.set(Self.caBundleKey, to: caBundle)
            return .changed(.object(data.secret))
        }
        guard data.contains(Self.caBundleKey) else { return .unchanged }
        data.remove(Self.caBundleKey)
        return .changed(.object(data.secret))
    }

    /// The annotation parses as a Go bool; a `kubeconfig` decodes and its current context, user and
    /// cluster exist; a `bundle.crt` holds PEM certificates.
    public func validate(_ secret: JSONValue) -> [FieldError] {
        guard applies(to: secret), case .object(let object) = secret else { return [] }
        var errors: [FieldError] = []
        if case .failure(let error) = injectionRequested(secret) { errors.append(error) }
        let data = SecretData(secret: object)

        switch data.value(Self.kubeconfigKey) {
        case .failure(let error): errors.append(error)
        case .success(nil): break
        case .success(let entry?):
            do {
                try Kubeconfig(bytes: entry.bytes).checkCurrentContext()
            } catch {
                errors.append(.invalid(entry.path, .omitted, error.message))
            }
        }

        switch data.value(Self.caBundleKey) {
        case .failure(let error): errors.append(error)
        case .success(nil): break
        case .success(let entry?):
            do {
                _ = try PEMCertificateBundle(bytes: entry.bytes)
            } catch {
                errors.append(.invalid(entry.path, .omitted, "must hold PEM-encoded X.509 certificates: \(error.message)"))
            }
        }
        return errors
    }

    /// The annotation as Go's `strconv.ParseBool` reads it; absent means off.
    private func injectionRequested(_ secret: JSONValue) -> Result<Bool, FieldError> {
        guard let value = secret["metadata"]?["annotations"]?[Self.injectCABundleAnnotation], !value.isNull else {
            return .success(false)
        }
        guard let text = value.stringValue else {
            return .failure(.invalid(Self.annotationPath, .omitted, "must be a string"))
        }
        guard let inject = GoBool.parse(text) else {
            return .failure(.invalid(Self.annotationPath, .string(text),
                                     "must be a boolean (one of \(GoBool.accepted.joined(separator: ", ")))"))
        }
        return .success(inject)
    }
}
