// Shoot ns/N (eventhandler_shoot.go):
//   SecretBinding ns/<secretBindingName>           -> Shoot
//   CredentialsBinding ns/<credentialsBindingName> -> Shoot
//   Namespace ns                                   -> Shoot
//   CloudProfile <name> | NamespacedCloudProfile ns/<name> -> Shoot
//   Shoot -> Seed <spec.seedName>, Shoot -> Seed <status.seedName>
//   ExposureClass <exposureClassName>              -> Shoot
//   ConfigMap ns/<audit policy|authn|authz config> -> Shoot
//   Secret ns/<authz kubeconfigs[].secretName>     -> Shoot
//   Secret|WorkloadIdentity ns/<dns providers credentialsRef> -> Shoot
//   Secret|ConfigMap|WorkloadIdentity ns/<resources[]>        -> Shoot
//   Secret ns/N.ca-cluster, N.ssh-keypair, N.ssh-keypair.old, N.monitoring -> Shoot
//   InternalSecret ns/N.ca-client; ConfigMap ns/N.ca-cluster, N.ca-kubelet; ShootState ns/N -> Shoot
//   Secret gardener-system-shoot-issuer/<project>--<uid> -> Shoot (managed issuer)
extension GraphStore {
    func applyShoot(_ shoot: ShootReferences) {
        let ns = shoot.namespace, name = shoot.name
        for kind: VertexKind in [.cloudProfile, .namespacedCloudProfile, .exposureClass, .internalSecret, .configMap,
                                 .namespace, .secret, .secretBinding, .credentialsBinding, .shootState, .workloadIdentity] {
            deleteAllIncomingEdges(from: kind, to: .shoot, ns, name)
        }
        deleteAllOutgoingEdges(from: .shoot, ns, name, to: .seed)

        let shootVertex = getOrCreateVertex(.shoot, ns, name)
        let namespaceVertex = getOrCreateVertex(.namespace, "", ns)
        if let binding = shoot.secretBindingName {
            addEdgeLocked(getOrCreateVertex(.secretBinding, ns, binding), shootVertex)
        }
        if let binding = shoot.credentialsBindingName {
            addEdgeLocked(getOrCreateVertex(.credentialsBinding, ns, binding), shootVertex)
        }
        addEdgeLocked(namespaceVertex, shootVertex)

        if let profile = shoot.cloudProfile {
            switch profile.kind {
            case "CloudProfile": addEdgeLocked(getOrCreateVertex(.cloudProfile, "", profile.name), shootVertex)
            case "NamespacedCloudProfile":
                addEdgeLocked(getOrCreateVertex(.namespacedCloudProfile, ns, profile.name), shootVertex)
            default: break
            }
        }
        if let seed = shoot.specSeedName { addEdgeLocked(shootVertex, getOrCreateVertex(.seed, "", seed)) }
        if let seed = shoot.statusSeedName { addEdgeLocked(shootVertex, getOrCreateVertex(.seed, "", seed)) }
        if let exposureClass = shoot.exposureClassName {
            addEdgeLocked(getOrCreateVertex(.exposureClass, "", exposureClass), shootVertex)
        }
        for case let configMap? in [shoot.auditPolicyConfigMap, shoot.authenticationConfigMap, shoot.authorizationConfigMap] {
            addEdgeLocked(getOrCreateVertex(.configMap, ns, configMap), shootVertex)
        }
        for secret in shoot.authorizationKubeconfigSecrets {
            addEdgeLocked(getOrCreateVertex(.secret, ns, secret), shootVertex)
        }
        for reference in shoot.dnsCredentials {
            guard let kind = reference.credentialsKind else { continue }
            addEdgeLocked(getOrCreateVertex(kind, ns, reference.name), shootVertex)
        }
        for resource in shoot.resources {
            guard let kind = resource.resourceKind else { continue }
            addEdgeLocked(getOrCreateVertex(kind, ns, resource.name), shootVertex)
        }
        for suffix in ["ca-cluster", "ssh-keypair", "ssh-keypair.old", "monitoring"] {
            addEdgeLocked(getOrCreateVertex(.secret, ns, name + "." + suffix), shootVertex)
        }
        addEdgeLocked(getOrCreateVertex(.internalSecret, ns, name + ".ca-client"), shootVertex)
        for suffix in ["ca-cluster", "ca-kubelet"] {
            addEdgeLocked(getOrCreateVertex(.configMap, ns, name + "." + suffix), shootVertex)
        }
        addEdgeLocked(getOrCreateVertex(.shootState, ns, name), shootVertex)
        if shoot.managedIssuer, let secret = shoot.managedIssuerSecret {
            addEdgeLocked(getOrCreateVertex(.secret, "gardener-system-shoot-issuer", secret), shootVertex)
        }
    }

    /// `hasExpectedShootBindingEdges`: false when a binding the shoot names no longer has its
    /// edge to the shoot (the binding was deleted and re-created in between).
    func hasExpectedBindingEdges(_ shoot: ShootReferences) -> Bool {
        func bindingEdgeExists(_ kind: VertexKind, _ binding: String?) -> Bool {
            guard let binding else { return true }
            guard let shootVertex = vertexID(.shoot, shoot.namespace, shoot.name),
                  let bindingVertex = vertexID(kind, shoot.namespace, binding) else { return false }
            return hasEdge(bindingVertex, shootVertex)
        }
        return bindingEdgeExists(.secretBinding, shoot.secretBindingName)
            && bindingEdgeExists(.credentialsBinding, shoot.credentialsBindingName)
    }
}
