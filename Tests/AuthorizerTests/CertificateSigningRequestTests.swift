import Authorizer
import JSON
import Testing

/// CertificateSigningRequests decoded with OpenSSL (`spec.request` = base64 PEM), as the graph's
/// CSR handler reads them (Gardener `IsSeedClientCert`).
struct CertificateSigningRequestTests {
    // openssl req -new -subj "/O=gardener.cloud:system:seeds/CN=gardener.cloud:system:seed:local" (P-256 key)
    static let seedClient = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQkN6Q0Jzd0lCQURCUk1TUXdJZ1lEVlFRS0RCdG5ZWEprWlc1bGNpNWpiRzkxWkRwemVYTjBaVzA2YzJWbApaSE14S1RBbkJnTlZCQU1NSUdkaGNtUmxibVZ5TG1Oc2IzVmtPbk41YzNSbGJUcHpaV1ZrT214dlkyRnNNRmt3CkV3WUhLb1pJemowQ0FRWUlLb1pJemowREFRY0RRZ0FFMVhWNGR4TDhmNll4ZExkOVBId0ZkTzVOaStCbnBqOUMKc2VLUE8zbHRTZkJXY1JXN2hLMkJjZ3AyM1FqOVlZQWsva2RnWm51Z0pmQ21sNGIxd3ZWeWRxQUFNQW9HQ0NxRwpTTTQ5QkFNQ0EwY0FNRVFDSURGSy9QT3dTUlppbS8xdG15dDE5TmZqV1Z6R2p0SmFSVGpxbWFDMHh1WWJBaUJtCkRoMmIvMEFZeHRXUDl6bHJyVEtrZVFidFMyT3VZbFpRK25HTWdhWDBqdz09Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo="
    // The same with subjectAltName=DNS:local.example.com.
    static let withDNSName = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQk96Q0I0Z0lCQURCUk1TUXdJZ1lEVlFRS0RCdG5ZWEprWlc1bGNpNWpiRzkxWkRwemVYTjBaVzA2YzJWbApaSE14S1RBbkJnTlZCQU1NSUdkaGNtUmxibVZ5TG1Oc2IzVmtPbk41YzNSbGJUcHpaV1ZrT214dlkyRnNNRmt3CkV3WUhLb1pJemowQ0FRWUlLb1pJemowREFRY0RRZ0FFMVhWNGR4TDhmNll4ZExkOVBId0ZkTzVOaStCbnBqOUMKc2VLUE8zbHRTZkJXY1JXN2hLMkJjZ3AyM1FqOVlZQWsva2RnWm51Z0pmQ21sNGIxd3ZWeWRxQXZNQzBHQ1NxRwpTSWIzRFFFSkRqRWdNQjR3SEFZRFZSMFJCQlV3RTRJUmJHOWpZV3d1WlhoaGJYQnNaUzVqYjIwd0NnWUlLb1pJCnpqMEVBd0lEU0FBd1JRSWhBUHRSdFR2ei8xQTVLYStDTHcvNWxZa2t1bGQ4UVQ3a0RWbm5SRktiRm1SekFpQUMKMWRGeFRJWEV3ZCtFOHp5R0Rvd2UxSHBWQytUWW44emN0aGdGVElhU01RPT0KLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg=="
    // Organizations [gardener.cloud:system:seeds, extra].
    static let twoOrganizations = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQkhUQ0J3d0lCQURCaE1TUXdJZ1lEVlFRS0RCdG5ZWEprWlc1bGNpNWpiRzkxWkRwemVYTjBaVzA2YzJWbApaSE14RGpBTUJnTlZCQW9NQldWNGRISmhNU2t3SndZRFZRUUREQ0JuWVhKa1pXNWxjaTVqYkc5MVpEcHplWE4wClpXMDZjMlZsWkRwc2IyTmhiREJaTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEEwSUFCTlYxZUhjUy9IK20KTVhTM2ZUeDhCWFR1VFl2Z1o2WS9Rckhpanp0NWJVbndWbkVWdTRTdGdYSUtkdDBJL1dHQUpQNUhZR1o3b0NYdwpwcGVHOWNMMWNuYWdBREFLQmdncWhrak9QUVFEQWdOSkFEQkdBaUVBcnpGaWdHMDZHc0IrNHVXTVg2THNTbWlNCjgyaDhUUHluY2dTcmp3bVVOMzRDSVFEb3lGL0ZSTmtZbXhIU3NaTko2TzlVaDcyZ0VBQks0WC9pemVHd0tPMFAKVmc9PQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K"
    static let usages = ["key encipherment", "digital signature", "client auth"]

    static func references(request: String, usages: [String] = usages) throws -> CertificateSigningRequestReferences? {
        let usageList = usages.map { "\"\($0)\"" }.joined(separator: ",")
        let manifest = #"{"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"csr-1"},"spec":{"request":"\#(request)","usages":[\#(usageList)],"signerName":"kubernetes.io/kube-apiserver-client"}}"#
        let state = try GardenState(objects: [try JSONParser.parse(manifest)], now: 0)
        guard case .certificateSigningRequest(let csr)? = state.objects.values.first else { return nil }
        return csr
    }

    @Test func aSeedClientRequestLeadsToItsSeed() throws {
        let csr = try Self.references(request: Self.seedClient)
        #expect(csr?.seedName == "local")
        let graph = ResourceGraph()
        graph.apply(try GardenState(objects: [try JSONParser.parse(#"{"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"csr-1"},"spec":{"request":"\#(Self.seedClient)","usages":["client auth","digital signature","key encipherment"]}}"#)], now: 0).events(from: GardenState()))
        #expect(graph.hasPath(from: VertexName(.certificateSigningRequest, "", "csr-1"), to: VertexName(.seed, "", "local")))
    }

    @Test func sansOtherOrganizationsOrOtherUsagesAreNotSeedClients() throws {
        #expect(try Self.references(request: Self.withDNSName)?.seedName == nil)
        #expect(try Self.references(request: Self.twoOrganizations)?.seedName == nil)
        #expect(try Self.references(request: Self.seedClient, usages: ["digital signature", "client auth"])?.seedName == nil)
        #expect(try Self.references(request: Self.seedClient, usages: Self.usages + ["server auth"])?.seedName == nil)
        #expect(try Self.references(request: "bm90IGEgUEVN")?.seedName == nil)  // "not a PEM"
    }
}
