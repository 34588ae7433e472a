/// Who a seed client is (`pkg/admissioncontroller/gardenletidentity/seed/identity.go`).
public struct SeedIdentity: Hashable, Sendable {
    public enum UserType: String, Sendable {
        case gardenlet
        case `extension`
    }

    public var seedName: String
    public var userType: UserType

    public init(seedName: String, userType: UserType) {
        self.seedName = seedName
        self.userType = userType
    }

    /// The seed's namespace in the garden, `seed-<name>`.
    public var seedNamespace: String { "seed-" + seedName }

    /// Nil when the caller is not a seed client. Groups are checked in Gardener's order:
    /// 1. `gardener.cloud:system:seeds`: a gardenlet; the user must be `gardener.cloud:system:seed:<name>`.
    /// 2. otherwise `system:serviceaccounts`: an extension; the first `system:serviceaccounts:<ns>` group
    ///    names the namespace, which must be `seed-<name>`, and the service account must start with `extension-`.
    public init?(user: String, groups: [String]) {
        if groups.contains("gardener.cloud:system:seeds") {
            let prefix = "gardener.cloud:system:seed:"
            guard user.hasPrefix(prefix) else { return nil }
            let name = String(user.dropFirst(prefix.count))
            guard !name.isEmpty else { return nil }
            self.init(seedName: name, userType: .gardenlet)
            return
        }
        guard groups.contains("system:serviceaccounts") else { return nil }
        let groupPrefix = "system:serviceaccounts:"
        let namespaceGroup = groups.first { $0.hasPrefix(groupPrefix) } ?? ""
        let namespace = String(namespaceGroup.dropFirst(namespaceGroup.hasPrefix(groupPrefix) ? groupPrefix.count : 0))
        guard namespace.hasPrefix("seed-") else { return nil }
        let seedName = String(namespace.dropFirst("seed-".count))
        // strings.TrimPrefix: a user without the service account prefix is compared as it is.
        let userPrefix = "system:serviceaccount:\(namespace):"
        let account = user.hasPrefix(userPrefix) ? String(user.dropFirst(userPrefix.count)) : user
        guard !seedName.isEmpty, account.hasPrefix("extension-") else { return nil }
        self.init(seedName: seedName, userType: .extension)
    }
}
