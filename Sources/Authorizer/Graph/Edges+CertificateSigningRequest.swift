// CertificateSigningRequest C (eventhandler_certificatesigningrequest.go), on add only:
//   CSR C -> Seed <CN minus gardener.cloud:system:seed:>   (seed client certificate)
//   CSR C -> Shoot <ns>/<name>                             (self-hosted shoot client certificate)
extension GraphStore {
    func applyCertificateSigningRequest(_ csr: CertificateSigningRequestReferences) {
        if let seed = csr.seedName {
            addEdgeLocked(getOrCreateVertex(.certificateSigningRequest, "", csr.name), getOrCreateVertex(.seed, "", seed))
        }
        if let shoot = csr.shoot {
            addEdgeLocked(getOrCreateVertex(.certificateSigningRequest, "", csr.name),
                          getOrCreateVertex(.shoot, shoot.namespace, shoot.name))
        }
    }
}
