import Foundation
import JSON

/// What the graph reads from a CertificateSigningRequest (`certificates.k8s.io/v1`): the seed
/// (or self-hosted shoot) its request is a client certificate for.
public struct CertificateSigningRequestReferences: Hashable, Sendable {
    public var name: String
    public var seedName: String?
    public var shoot: ObjectReference?
    public init(name: String, seedName: String? = nil, shoot: ObjectReference? = nil) {
        self.name = name
        self.seedName = seedName
        self.shoot = shoot
    }
    init(_ object: JSONValue) {
        let usages = object.array("spec", "usages").compactMap(\.stringValue)
        var request: CertificateRequest?
        if let encoded = object.optionalString("spec", "request"), let pem = Data(base64Encoded: encoded) {
            request = CertificateRequest(pem: Array(pem))
        }
        self.init(name: object.metadataName, seedName: request?.seedName(usages: usages),
                  shoot: request?.shoot(usages: usages))
    }
}
