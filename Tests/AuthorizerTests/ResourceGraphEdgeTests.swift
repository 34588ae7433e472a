import Authorizer
import Testing

/// Every edge of `gardener-behaviour.md` A.5, seen as "reaches Seed X or not".
struct ResourceGraphEdgeTests {
    static func graph(_ objects: [GardenObject], namespaceProjects: [String: String] = [:], now: Double = 1_000) -> ResourceGraph {
        let graph = ResourceGraph()
        graph.apply(GardenState(objects, namespaceProjects: namespaceProjects, now: now).events(from: GardenState()))
        return graph
    }

    static func reaches(_ graph: ResourceGraph, _ kind: VertexKind, _ namespace: String, _ name: String, _ seed: String) -> Bool {
        graph.hasPath(from: VertexName(kind, namespace, name), to: VertexName(.seed, "", seed))
    }

    static let secret = TypedReference(apiVersion: "v1", kind: "Secret", namespace: "garden", name: "s")
    static func wi(_ namespace: String, _ name: String) -> TypedReference {
        TypedReference(apiVersion: "security.gardener.cloud/v1alpha1", kind: "WorkloadIdentity", namespace: namespace, name: name)
    }

    @Test func seedEdges() {
        let graph = Self.graph([.seed(SeedReferences(
            name: "local", backupCredentials: Self.secret,
            dnsProviderCredentials: Self.wi("garden", "dns-provider"),
            dnsInternalCredentials: TypedReference(apiVersion: "v1", kind: "Secret", namespace: "garden", name: "dns-internal"),
            dnsDefaultsCredentials: [TypedReference(apiVersion: "v1", kind: "Secret", namespace: "garden", name: "dns-default"), nil],
            resources: [TypedReference(apiVersion: "v1", kind: "ConfigMap", name: "cm"),
                        TypedReference(apiVersion: "v1", kind: "Pod", name: "ignored")]))])
        #expect(graph.edgeDescriptions() == [
            "ConfigMap:garden/cm -> Seed:local",
            "ConfigMap:kube-system/cluster-identity -> Seed:local",
            "Lease:gardener-system-seed-lease/local -> Seed:local",
            "Namespace:seed-local -> Seed:local",
            "Secret:garden/dns-default -> Seed:local",
            "Secret:garden/dns-internal -> Seed:local",
            "Secret:garden/s -> Seed:local",
            "WorkloadIdentity:garden/dns-provider -> Seed:local",
        ])
    }

    @Test func shootEdgesIncludingImplicitOnes() {
        let graph = Self.graph([.shoot(ShootReferences(
            namespace: "garden-p", name: "s", uid: "u-1", secretBindingName: "sb", credentialsBindingName: "cb",
            cloudProfile: CloudProfileReference(kind: "NamespacedCloudProfile", name: "ncp"),
            specSeedName: "local", statusSeedName: "old", exposureClassName: "ec",
            auditPolicyConfigMap: "audit", authenticationConfigMap: "authn", authorizationConfigMap: "authz",
            authorizationKubeconfigSecrets: ["kc"], dnsCredentials: [Self.wi("garden-p", "dns")],
            resources: [TypedReference(apiVersion: "v1", kind: "Secret", name: "res")], managedIssuer: true))],
            namespaceProjects: ["garden-p": "p"])
        let edges = Set(graph.edgeDescriptions())
        for from in ["SecretBinding:garden-p/sb", "CredentialsBinding:garden-p/cb", "Namespace:garden-p",
                     "NamespacedCloudProfile:garden-p/ncp", "ExposureClass:ec", "ConfigMap:garden-p/audit",
                     "ConfigMap:garden-p/authn", "ConfigMap:garden-p/authz", "Secret:garden-p/kc",
                     "WorkloadIdentity:garden-p/dns", "Secret:garden-p/res", "Secret:garden-p/s.ca-cluster",
                     "Secret:garden-p/s.ssh-keypair", "Secret:garden-p/s.ssh-keypair.old", "Secret:garden-p/s.monitoring",
                     "InternalSecret:garden-p/s.ca-client", "ConfigMap:garden-p/s.ca-cluster", "ConfigMap:garden-p/s.ca-kubelet",
                     "ShootState:garden-p/s", "Secret:gardener-system-shoot-issuer/p--u-1"] {
            #expect(edges.contains("\(from) -> Shoot:garden-p/s"), "\(from)")
        }
        #expect(edges.contains("Shoot:garden-p/s -> Seed:local"))
        #expect(edges.contains("Shoot:garden-p/s -> Seed:old"))
        #expect(edges.count == 22)
        #expect(Self.reaches(graph, .secret, "gardener-system-shoot-issuer", "p--u-1", "local"))
        #expect(Self.reaches(graph, .namespacedCloudProfile, "garden-p", "ncp", "old"))
        #expect(!Self.reaches(graph, .namespacedCloudProfile, "garden-p", "ncp", "other"))
    }

    @Test func managedIssuerNeedsTheNamespacesProjectLabel() {
        let graph = Self.graph([.shoot(ShootReferences(namespace: "garden-p", name: "s", uid: "u", specSeedName: "local", managedIssuer: true))])
        #expect(!graph.edgeDescriptions().contains { $0.hasPrefix("Secret:gardener-system-shoot-issuer/") })
    }

    @Test func legacyCloudProfileNameAndBindingsChains() {
        let graph = Self.graph([
            .secretBinding(SecretBindingReferences(namespace: "garden-p", name: "sb", secret: ObjectReference("garden-p", "creds"))),
            .credentialsBinding(CredentialsBindingReferences(namespace: "garden-p", name: "cb",
                credentials: TypedReference(apiVersion: "core.gardener.cloud/v1beta1", kind: "InternalSecret", namespace: "garden-p", name: "is"))),
            .project(ProjectReferences(name: "p", namespace: "garden-p")),
            .shoot(ShootReferences(namespace: "garden-p", name: "s", secretBindingName: "sb", credentialsBindingName: "cb",
                                   cloudProfile: CloudProfileReference(kind: "CloudProfile", name: "aws"), specSeedName: "local")),
        ])
        #expect(Self.reaches(graph, .secret, "garden-p", "creds", "local"))
        #expect(Self.reaches(graph, .internalSecret, "garden-p", "is", "local"))
        #expect(Self.reaches(graph, .project, "", "p", "local"))
        #expect(Self.reaches(graph, .cloudProfile, "", "aws", "local"))
        #expect(graph.path(from: VertexName(.secret, "garden-p", "creds"), to: VertexName(.seed, "", "local"))?.map(\.description)
                == ["Secret:garden-p/creds", "SecretBinding:garden-p/sb", "Shoot:garden-p/s", "Seed:local"])
    }

    @Test func backupBucketAndEntryEdges() {
        let graph = Self.graph([
            .backupBucket(BackupBucketReferences(name: "b", credentials: Self.wi("garden", "wi"), seedName: "other",
                                                 generatedSecret: ObjectReference("garden", "generated"),
                                                 shoot: ObjectReference("garden-p", "s"))),
            .backupEntry(BackupEntryReferences(namespace: "garden-p", name: "e", bucketName: "b", specSeedName: "local",
                                               statusSeedName: "local2", ownerShoot: "s2")),
            .shoot(ShootReferences(namespace: "garden-p", name: "s2", specSeedName: "shootseed")),
        ])
        #expect(Self.reaches(graph, .workloadIdentity, "garden", "wi", "other"))
        #expect(Self.reaches(graph, .secret, "garden", "generated", "other"))
        // A bucket of another seed is reachable once an entry on this seed references it.
        #expect(Self.reaches(graph, .backupBucket, "", "b", "local"))
        #expect(Self.reaches(graph, .backupBucket, "", "b", "local2"))
        #expect(Self.reaches(graph, .backupEntry, "garden-p", "e", "shootseed"))
        #expect(graph.edgeDescriptions().contains("BackupBucket:b -> Shoot:garden-p/s"))
        #expect(!Self.reaches(graph, .backupEntry, "garden-p", "e", "other"))
    }

    @Test func bastionControllerAndCSREdges() {
        let graph = Self.graph([
            .bastion(BastionReferences(namespace: "garden-p", name: "x", seedName: "local")),
            .controllerDeployment(ControllerDeploymentReferences(name: "d", secretNames: ["pull", "ca"], configMapNames: ["values"])),
            .controllerInstallation(ControllerInstallationReferences(name: "i", registrationName: "r", seedName: "local",
                                                                     shoot: ObjectReference("garden-p", "s"), deploymentName: "d")),
            .certificateSigningRequest(CertificateSigningRequestReferences(name: "csr", seedName: "local")),
            .certificateSigningRequest(CertificateSigningRequestReferences(name: "csr-shoot", shoot: ObjectReference("garden-p", "s"))),
            .shoot(ShootReferences(namespace: "garden-p", name: "s", specSeedName: "other")),
        ])
        #expect(Self.reaches(graph, .bastion, "garden-p", "x", "local"))
        #expect(Self.reaches(graph, .secret, "garden", "pull", "local"))
        #expect(Self.reaches(graph, .configMap, "garden", "values", "local"))
        #expect(Self.reaches(graph, .controllerRegistration, "", "r", "local"))
        #expect(Self.reaches(graph, .controllerInstallation, "", "i", "other"))
        #expect(Self.reaches(graph, .certificateSigningRequest, "", "csr", "local"))
        #expect(Self.reaches(graph, .certificateSigningRequest, "", "csr-shoot", "other"))
        #expect(!Self.reaches(graph, .certificateSigningRequest, "", "csr", "other"))
    }

    @Test func controllerDeploymentWithoutOCIRepositoryHasNoEdgesOfItsOwn() {
        let graph = Self.graph([.controllerDeployment(ControllerDeploymentReferences(name: "d"))])
        #expect(graph.vertexCount == 0)
    }

    @Test func managedSeedEdgesWhileBootstrapping() {
        let managedSeed = ManagedSeedReferences(name: "child", shootName: "child-shoot",
                                                seedBackupCredentials: Self.wi("garden", "backup"),
                                                seedResources: [TypedReference(apiVersion: "v1", kind: "Secret", name: "res")],
                                                bootstrap: .token)
        // The child Seed does not exist yet: bootstrapping is allowed.
        let bootstrapping = Self.graph([.managedSeed(managedSeed),
                                        .shoot(ShootReferences(namespace: "garden", name: "child-shoot", specSeedName: "parent"))])
        let token = BootstrapToken.secretName(namespace: "garden", name: "child")
        #expect(Self.reaches(bootstrapping, .secret, "kube-system", token, "parent"))
        #expect(Self.reaches(bootstrapping, .workloadIdentity, "garden", "backup", "parent"))
        #expect(Self.reaches(bootstrapping, .secret, "garden", "res", "child"))
        #expect(Self.reaches(bootstrapping, .seed, "", "child", "parent"))
        #expect(Self.reaches(bootstrapping, .managedSeed, "garden", "child", "child"))
        // The Seed exists with a valid certificate: no bootstrap edge.
        let registered = Self.graph([.managedSeed(managedSeed), .seed(SeedReferences(name: "child", clientCertificateExpiration: 5_000))],
                                    now: 1_000)
        #expect(!registered.hasVertex(VertexName(.secret, "kube-system", token)))
        // Expired certificate: allowed again.
        let expired = Self.graph([.managedSeed(managedSeed), .seed(SeedReferences(name: "child", clientCertificateExpiration: 500))],
                                 now: 1_000)
        #expect(expired.hasVertex(VertexName(.secret, "kube-system", token)))
        // Renew-kubeconfig annotation with an existing Seed.
        var renew = managedSeed
        renew.renewKubeconfig = true
        let renewing = Self.graph([.managedSeed(renew), .seed(SeedReferences(name: "child"))])
        #expect(renewing.hasVertex(VertexName(.secret, "kube-system", token)))
    }

    @Test func managedSeedServiceAccountBootstrapAndUndecodableConfig() {
        let graph = Self.graph([.managedSeed(ManagedSeedReferences(name: "m", shootName: "ms", bootstrap: .serviceAccount)),
                                .shoot(ShootReferences(namespace: "garden", name: "ms", specSeedName: "parent"))])
        #expect(Self.reaches(graph, .serviceAccount, "garden", "gardenlet-bootstrap-m", "parent"))
        #expect(Self.reaches(graph, .clusterRoleBinding, "", "gardener.cloud:system:seed-bootstrapper:garden:gardenlet-bootstrap-m", "parent"))
        let undecodable = Self.graph([.managedSeed(ManagedSeedReferences(name: "m", shootName: "ms", configDecodes: false,
                                                                         seedBackupCredentials: Self.wi("garden", "b"), bootstrap: .token))])
        #expect(undecodable.edgeDescriptions() == ["ManagedSeed:garden/m -> Seed:m", "ManagedSeed:garden/m -> Shoot:garden/ms",
                                                   "Seed:m -> ManagedSeed:garden/m"])
    }

    @Test func gardenletEdgesAndBootstrapOnlyForExistingSeeds() {
        let gardenlet = GardenletReferences(name: "g", seedBackupCredentials: Self.wi("garden", "backup"),
                                            caBundleSecretName: "ca", pullSecretName: "pull", renewKubeconfig: true)
        let token = BootstrapToken.secretName(namespace: "garden", name: "g")
        let withoutSeed = Self.graph([.gardenlet(gardenlet)])
        #expect(Self.reaches(withoutSeed, .gardenlet, "garden", "g", "g"))
        #expect(Self.reaches(withoutSeed, .secret, "garden", "ca", "g"))
        #expect(Self.reaches(withoutSeed, .secret, "garden", "pull", "g"))
        #expect(Self.reaches(withoutSeed, .workloadIdentity, "garden", "backup", "g"))
        #expect(!withoutSeed.hasVertex(VertexName(.secret, "kube-system", token)))
        let withSeed = Self.graph([.gardenlet(gardenlet), .seed(SeedReferences(name: "g"))])
        #expect(Self.reaches(withSeed, .secret, "kube-system", token, "g"))
        let selfHosted = Self.graph([.gardenlet(GardenletReferences(name: "self-hosted-shoot-x"))])
        #expect(selfHosted.vertexCount == 0)
    }

    @Test func serviceAccountEdgesOnlyForHandledPrefixes() {
        let graph = Self.graph([
            .serviceAccount(ServiceAccountReferences(namespace: "garden", name: "gardenlet-bootstrap-m", secrets: ["t1"])),
            .serviceAccount(ServiceAccountReferences(namespace: "shoot--p--s", name: "extension-shoot--s--x", secrets: ["t2"])),
            .serviceAccount(ServiceAccountReferences(namespace: "garden", name: "default", secrets: ["t3"])),
        ])
        #expect(graph.edgeDescriptions() == ["Secret:garden/t1 -> ServiceAccount:garden/gardenlet-bootstrap-m",
                                             "Secret:shoot--p--s/t2 -> ServiceAccount:shoot--p--s/extension-shoot--s--x"])
    }

    @Test func bootstrapTokenIDIsSHA256OfNamespaceAndName() {
        // printf "garden--local" | sha256sum → 56de12…
        #expect(BootstrapToken.secretName(namespace: "garden", name: "local") == "bootstrap-token-56de12")
    }
}
