import Authorizer

/// A small garden with seeds `local` and `other`, used by the rule tests: every object named
/// `…-local` is connected to Seed `local`, every `…-other` to Seed `other`.
enum TestGarden {
    static let now = 1_800_000_000.0

    static func objects() -> [GardenObject] {
        [
            .seed(SeedReferences(name: "local")),
            .seed(SeedReferences(name: "other")),
            .project(ProjectReferences(name: "local", namespace: "garden-local")),
            .secretBinding(SecretBindingReferences(namespace: "garden-local", name: "binding-local",
                                                   secret: ObjectReference("garden-local", "secret-local"))),
            .credentialsBinding(CredentialsBindingReferences(namespace: "garden-local", name: "creds-local",
                credentials: TypedReference(apiVersion: "security.gardener.cloud/v1alpha1", kind: "WorkloadIdentity",
                                            namespace: "garden-local", name: "wi-local"))),
            .shoot(ShootReferences(namespace: "garden-local", name: "a", secretBindingName: "binding-local",
                                   credentialsBindingName: "creds-local",
                                   cloudProfile: CloudProfileReference(kind: "CloudProfile", name: "profile-local"),
                                   specSeedName: "local", exposureClassName: "exposure-local")),
            .shoot(ShootReferences(namespace: "garden-other", name: "b",
                                   cloudProfile: CloudProfileReference(kind: "NamespacedCloudProfile", name: "profile-other"),
                                   specSeedName: "other")),
            .backupBucket(BackupBucketReferences(name: "bucket-local", seedName: "local")),
            .backupBucket(BackupBucketReferences(name: "bucket-other", seedName: "other")),
            .backupEntry(BackupEntryReferences(namespace: "garden-local", name: "entry-local", bucketName: "bucket-local",
                                               specSeedName: "local")),
            .bastion(BastionReferences(namespace: "garden-local", name: "bastion-local", seedName: "local")),
            .bastion(BastionReferences(namespace: "garden-other", name: "bastion-other", seedName: "other")),
            .controllerDeployment(ControllerDeploymentReferences(name: "deployment-local")),
            .controllerInstallation(ControllerInstallationReferences(name: "installation-local",
                registrationName: "registration-local", seedName: "local", deploymentName: "deployment-local")),
            .controllerInstallation(ControllerInstallationReferences(name: "installation-other",
                registrationName: "registration-other", seedName: "other")),
            .managedSeed(ManagedSeedReferences(name: "managed-local", shootName: "a-in-garden",
                                               bootstrap: .serviceAccount)),
            .shoot(ShootReferences(namespace: "garden", name: "a-in-garden", specSeedName: "local")),
            .gardenlet(GardenletReferences(name: "local")),
            .gardenlet(GardenletReferences(name: "other")),
            .certificateSigningRequest(CertificateSigningRequestReferences(name: "csr-local", seedName: "local")),
            .certificateSigningRequest(CertificateSigningRequestReferences(name: "csr-other", seedName: "other")),
        ]
    }

    static func graph() -> ResourceGraph {
        let graph = ResourceGraph()
        graph.apply(GardenState(objects(), now: now).events(from: GardenState()))
        return graph
    }

    static let sharedGraph = graph()

    static func gardenlet(_ seed: String = "local", _ verb: String, _ group: String, _ resource: String,
                          namespace: String = "", name: String = "", subresource: String = "",
                          labels: [WireRequirement]? = nil, fields: [WireRequirement]? = nil) -> AuthorizationAttributes {
        AuthorizationAttributes(user: "gardener.cloud:system:seed:\(seed)",
                                groups: ["gardener.cloud:system:seeds", "system:authenticated"],
                                verb: verb, namespace: namespace, group: group, version: "v1beta1", resource: resource,
                                subresource: subresource, name: name,
                                labelSelector: labels.map { SelectorAttributes(requirements: $0) },
                                fieldSelector: fields.map { SelectorAttributes(requirements: $0) })
    }

    static func extensionClient(_ seed: String = "local", _ verb: String, _ group: String, _ resource: String,
                                namespace: String = "", name: String = "", subresource: String = "") -> AuthorizationAttributes {
        AuthorizationAttributes(user: "system:serviceaccount:seed-\(seed):extension-provider-local",
                                groups: ["system:serviceaccounts", "system:serviceaccounts:seed-\(seed)", "system:authenticated"],
                                verb: verb, namespace: namespace, group: group, version: "v1", resource: resource,
                                subresource: subresource, name: name)
    }
}
