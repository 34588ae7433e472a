import Authorizer
import Testing

/// Gardener's update semantics: a handler replaces only its own edges, orphans go, and update
/// filters decide whether a handler re-runs.
struct ResourceGraphUpdateTests {
    final class Garden {
        let graph = ResourceGraph()
        var state = GardenState()
        func set(_ objects: [GardenObject], now: Double = 1_000) {
            let next = GardenState(objects, now: now)
            graph.apply(next.events(from: state))
            state = next
        }
        func reaches(_ kind: VertexKind, _ namespace: String, _ name: String, _ seed: String) -> Bool {
            graph.hasPath(from: VertexName(kind, namespace, name), to: VertexName(.seed, "", seed))
        }
    }

    @Test func movingAShootToAnotherSeedRemovesTheOldPath() {
        let garden = Garden()
        garden.set([.shoot(ShootReferences(namespace: "p", name: "s", specSeedName: "local"))])
        #expect(garden.reaches(.secret, "p", "s.ca-cluster", "local"))
        garden.set([.shoot(ShootReferences(namespace: "p", name: "s", specSeedName: "other"))])
        #expect(!garden.reaches(.secret, "p", "s.ca-cluster", "local"))
        #expect(garden.reaches(.secret, "p", "s.ca-cluster", "other"))
        #expect(!garden.graph.hasVertex(VertexName(.seed, "", "local")))  // orphaned, removed
    }

    @Test func deletingAShootRemovesItsImplicitObjects() {
        let garden = Garden()
        garden.set([.project(ProjectReferences(name: "p", namespace: "p")),
                    .shoot(ShootReferences(namespace: "p", name: "s", specSeedName: "local"))])
        garden.set([.project(ProjectReferences(name: "p", namespace: "p"))])
        #expect(!garden.graph.hasVertex(VertexName(.secret, "p", "s.monitoring")))
        #expect(!garden.graph.hasVertex(VertexName(.shoot, "p", "s")))
        #expect(garden.graph.edgeDescriptions() == ["Project:p -> Namespace:p"])
    }

    @Test func changingASecretBindingsSecretDropsTheOldSecret() {
        let garden = Garden()
        let shoot = GardenObject.shoot(ShootReferences(namespace: "p", name: "s", secretBindingName: "sb", specSeedName: "local"))
        garden.set([shoot, .secretBinding(SecretBindingReferences(namespace: "p", name: "sb", secret: ObjectReference("p", "old")))])
        #expect(garden.reaches(.secret, "p", "old", "local"))
        garden.set([shoot, .secretBinding(SecretBindingReferences(namespace: "p", name: "sb", secret: ObjectReference("p", "new")))])
        #expect(!garden.reaches(.secret, "p", "old", "local"))
        #expect(garden.reaches(.secret, "p", "new", "local"))
    }

    @Test func aRecreatedBindingGetsItsEdgeToTheShootBack() {
        let garden = Garden()
        let shoot = GardenObject.shoot(ShootReferences(namespace: "p", name: "s", secretBindingName: "sb", specSeedName: "local"))
        let binding = GardenObject.secretBinding(SecretBindingReferences(namespace: "p", name: "sb", secret: ObjectReference("p", "c")))
        garden.set([shoot, binding])
        garden.set([shoot])
        #expect(!garden.reaches(.secret, "p", "c", "local"))
        garden.set([shoot, binding])
        #expect(garden.reaches(.secret, "p", "c", "local"))
    }

    @Test func irrelevantChangesDoNotRerunHandlers() {
        // ControllerInstallation: a seed ref that appears later is ignored by Gardener's update filter.
        let garden = Garden()
        garden.set([.controllerInstallation(ControllerInstallationReferences(name: "i", registrationName: "r"))])
        garden.set([.controllerInstallation(ControllerInstallationReferences(name: "i", registrationName: "r", seedName: "local"))])
        #expect(!garden.reaches(.controllerInstallation, "", "i", "local"))
        garden.set([.controllerInstallation(ControllerInstallationReferences(name: "i", registrationName: "r2", seedName: "local"))])
        #expect(garden.reaches(.controllerRegistration, "", "r2", "local"))
        #expect(!garden.graph.hasVertex(VertexName(.controllerRegistration, "", "r")))
    }

    @Test func seedUpdateReplacesOnlyItsOwnEdges() {
        let garden = Garden()
        let shoot = GardenObject.shoot(ShootReferences(namespace: "p", name: "s", specSeedName: "local"))
        garden.set([shoot, .seed(SeedReferences(name: "local", backupCredentials: TypedReference(apiVersion: "v1", kind: "Secret", namespace: "garden", name: "b1")))])
        garden.set([shoot, .seed(SeedReferences(name: "local", backupCredentials: TypedReference(apiVersion: "v1", kind: "Secret", namespace: "garden", name: "b2")))])
        #expect(!garden.reaches(.secret, "garden", "b1", "local"))
        #expect(garden.reaches(.secret, "garden", "b2", "local"))
        #expect(garden.reaches(.shoot, "p", "s", "local"))
        #expect(garden.reaches(.namespace, "", "seed-local", "local"))
    }

    @Test func aManagedSeedStopsBootstrappingOnceItsSeedRegisters() {
        let garden = Garden()
        let managedSeed = GardenObject.managedSeed(ManagedSeedReferences(name: "m", shootName: "ms", bootstrap: .token))
        let shoot = GardenObject.shoot(ShootReferences(namespace: "garden", name: "ms", specSeedName: "parent"))
        let token = BootstrapToken.secretName(namespace: "garden", name: "m")
        garden.set([managedSeed, shoot])
        #expect(garden.reaches(.secret, "kube-system", token, "parent"))
        garden.set([managedSeed, shoot, .seed(SeedReferences(name: "m", clientCertificateExpiration: 9_999))])
        #expect(!garden.graph.hasVertex(VertexName(.secret, "kube-system", token)))
        // Expiry passes: the ManagedSeed may bootstrap again.
        garden.set([managedSeed, shoot, .seed(SeedReferences(name: "m", clientCertificateExpiration: 9_999))], now: 10_000)
        #expect(garden.reaches(.secret, "kube-system", token, "parent"))
    }

    @Test func serviceAccountUpdatesAreNotPrefixFiltered() {
        let garden = Garden()
        garden.set([.serviceAccount(ServiceAccountReferences(namespace: "n", name: "default", secrets: ["a"]))])
        #expect(garden.graph.vertexCount == 0)
        garden.set([.serviceAccount(ServiceAccountReferences(namespace: "n", name: "default", secrets: ["b"]))])
        #expect(garden.graph.edgeDescriptions() == ["Secret:n/b -> ServiceAccount:n/default"])
    }
}

/// The destination index answers exactly what a plain walk answers.
struct DestinationIndexTests {
    @Test func highFanOutAnswersMatchAPlainWalk() {
        let graph = ResourceGraph()
        var objects: [GardenObject] = []
        for index in 0..<450 {
            objects.append(.shoot(ShootReferences(namespace: "p\(index % 3)", name: "s\(index)",
                                                  cloudProfile: CloudProfileReference(kind: "CloudProfile", name: "aws"),
                                                  specSeedName: "seed\(index % 40)", exposureClassName: "ec")))
        }
        // seed7 is a managed seed hosted on a shoot of seed "parent".
        objects.append(.managedSeed(ManagedSeedReferences(name: "seed7", shootName: "host")))
        objects.append(.shoot(ShootReferences(namespace: "garden", name: "host", specSeedName: "parent")))
        for index in 0..<300 {
            objects.append(.controllerInstallation(ControllerInstallationReferences(
                name: "i\(index)", registrationName: "r", seedName: "seed\(index % 50)",
                shoot: index == 5 ? ObjectReference("garden", "host") : nil)))
        }
        var state = GardenState(objects, now: 0)
        graph.apply(state.events(from: GardenState()))
        let seeds = (0..<55).map { "seed\($0)" } + ["parent", "nowhere"]
        func check() {
            for from in [VertexName(.cloudProfile, "", "aws"), VertexName(.exposureClass, "", "ec"),
                         VertexName(.namespace, "", "p1"), VertexName(.controllerRegistration, "", "r")] {
                for seed in seeds {
                    let to = VertexName(.seed, "", seed)
                    #expect(graph.hasPath(from: from, to: to) == (graph.path(from: from, to: to) != nil), "\(from) → \(seed)")
                }
            }
        }
        check()
        #expect(graph.hasPath(from: VertexName(.cloudProfile, "", "aws"), to: VertexName(.seed, "", "parent")))
        #expect(graph.hasPath(from: VertexName(.controllerRegistration, "", "r"), to: VertexName(.seed, "", "parent")))
        #expect(!graph.hasPath(from: VertexName(.cloudProfile, "", "aws"), to: VertexName(.seed, "", "seed45")))
        // Shrink below the index thresholds and move things around.
        let next = GardenState(Array(objects.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)), now: 0)
        graph.apply(next.events(from: state))
        state = next
        check()
    }
}
