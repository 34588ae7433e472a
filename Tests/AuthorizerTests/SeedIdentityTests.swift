import Authorizer
import Testing

struct SeedIdentityTests {
    @Test func gardenletsNeedTheSeedsGroupAndTheUserPrefix() {
        #expect(SeedIdentity(user: "gardener.cloud:system:seed:local", groups: ["gardener.cloud:system:seeds"])
                == SeedIdentity(seedName: "local", userType: .gardenlet))
        #expect(SeedIdentity(user: "gardener.cloud:system:seed:", groups: ["gardener.cloud:system:seeds"]) == nil)
        #expect(SeedIdentity(user: "admin", groups: ["gardener.cloud:system:seeds"]) == nil)
        #expect(SeedIdentity(user: "gardener.cloud:system:seed:local", groups: ["system:authenticated"]) == nil)
    }

    @Test func extensionsNeedASeedNamespaceAndAnExtensionServiceAccount() {
        let groups = ["system:serviceaccounts", "system:serviceaccounts:seed-local", "system:authenticated"]
        #expect(SeedIdentity(user: "system:serviceaccount:seed-local:extension-provider-aws", groups: groups)
                == SeedIdentity(seedName: "local", userType: .extension))
        #expect(SeedIdentity(user: "system:serviceaccount:seed-local:gardenlet", groups: groups) == nil)
        #expect(SeedIdentity(user: "system:serviceaccount:garden:extension-x",
                             groups: ["system:serviceaccounts", "system:serviceaccounts:garden"]) == nil)
        #expect(SeedIdentity(user: "system:serviceaccount:seed-:extension-x",
                             groups: ["system:serviceaccounts", "system:serviceaccounts:seed-"]) == nil)
        // Gardener takes the first namespace group only.
        #expect(SeedIdentity(user: "system:serviceaccount:seed-local:extension-x",
                             groups: ["system:serviceaccounts", "system:serviceaccounts:garden", "system:serviceaccounts:seed-local"]) == nil)
    }

    @Test func selfHostedShootGardenletsAreNotSeedClients() {
        #expect(SeedIdentity(user: "gardener.cloud:system:shoot:garden:x", groups: ["gardener.cloud:system:shoots"]) == nil)
    }
}
