import JSON
import Testing
@testable import Webhooks

/// The CloudProfile webhooks decide from the request bytes when they can (`admit(raw:)`) and
/// from documents otherwise (`admit(_:)`). Over a generated corpus of reviews both paths must
/// answer byte for byte the same.
struct RawPathEquivalenceTests {
    /// A small deterministic generator (SplitMix64), so a failure names a reproducible case.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
    }

    static let times = ["2025-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z", "garbage"]
    static let classifications = ["preview", "supported", "deprecated", "expired", "unavailable", "stable"]

    func version(_ g: inout Generator, _ name: String) -> String {
        var members = [#""version":"\#(name)""#]
        switch g.next(6) {
        case 0: break
        case 1: members.append(#""classification":"\#(g.pick(Self.classifications))""#)
        case 2: members.append(#""expirationDate":"\#(g.pick(Self.times))""#)
        case 3:
            members.append(#""classification":"\#(g.pick(Self.classifications))""#)
            members.append(#""expirationDate":"\#(g.pick(Self.times))""#)
        case 4: members.append(#""lifecycle":[]"#)
        default:
            var stages: [String] = []
            for index in 0..<(1 + g.next(3)) {
                let time = index == 0 && g.next(2) == 0 ? "" : #","startTime":"\#(g.pick(Self.times))""#
                stages.append(#"{"classification":"\#(g.pick(Self.classifications))"\#(time)}"#)
            }
            members.append(#""lifecycle":[\#(stages.joined(separator: ","))]"#)
            if g.next(5) == 0 { members.append(#""classification":"supported""#) }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    func object(_ g: inout Generator, kind: String) -> String {
        let kubernetes = (0..<g.next(4)).map { version(&g, "1.3\($0).\(g.next(3))") }
        var images: [String] = []
        for index in 0..<g.next(3) {
            let versions = (0..<g.next(3)).map { version(&g, "\($0 + 1).0.\(index)") }
            let strategy = g.next(2) == 0 ? #","updateStrategy":"minor""# : ""
            images.append(#"{"name":"image\#(index)"\#(strategy),"versions":[\#(versions.joined(separator: ","))]}"#)
        }
        let status = g.next(3) == 0 ? #","status":{"kubernetes":{"versions":[]}}"# : ""
        return #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"\#(kind)","metadata":{"name":"p"},"spec":{"kubernetes":{"versions":[\#(kubernetes.joined(separator: ","))]},"machineImages":[\#(images.joined(separator: ","))]}\#(status)}"#
    }

    @Test func rawAndDocumentPathsAnswerTheSame() throws {
        var g = Generator(state: 2026)
        let settings = [CloudProfileSettings(), CloudProfileSettings(migrateLegacyClassification: true),
                        CloudProfileSettings(versionClassificationLifecycle: false, migrateLegacyClassification: true)]
        var rawDecided = 0
        for _ in 0..<600 {
            let kind = g.pick(["CloudProfile", "NamespacedCloudProfile"])
            let operation = g.pick(["CREATE", "UPDATE", "DELETE"])
            let subResource = g.pick(["", "", "", "status"])
            let object = operation == "DELETE" ? "null" : self.object(&g, kind: kind)
            let oldObject = operation == "CREATE" ? "null" : self.object(&g, kind: kind)
            let resource = kind == "CloudProfile" ? "cloudprofiles" : "namespacedcloudprofiles"
            let body = #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","kind":{"group":"core.gardener.cloud","version":"v1beta1","kind":"\#(kind)"},"resource":{"group":"core.gardener.cloud","version":"v1beta1","resource":"\#(resource)"},"subResource":"\#(subResource)","name":"p","operation":"\#(operation)","userInfo":{},"object":\#(object),"oldObject":\#(oldObject),"dryRun":false}}"#
            let bytes = Array(body.utf8)
            let setting = g.pick(settings)
            let validation = CloudProfileValidationWebhook(settings: setting, clock: fixedClock)
            let mutation = CloudProfileMutationWebhook(settings: setting, clock: fixedClock)
            for webhook in [validation as any RawAdmissionWebhook, mutation] {
                let handler = AdmissionReviewHandler(webhook: webhook)
                let review = try AdmissionReview.decode(bytes)
                let viaDocuments = try handler.respond(to: review).encode(apiVersion: review.apiVersion)
                let viaBytes = try handler.review(bytes)
                #expect(text(viaBytes) == text(viaDocuments), "\(webhook.name) \(setting) \(body)")
            }
            for webhook in [validation as any RawAdmissionWebhook, mutation] {
                if try bytes.withUnsafeBufferPointer({ try webhook.scanAndAdmit($0).outcome }) != nil { rawDecided += 1 }
            }
        }
        // The corpus exercises both paths.
        #expect(rawDecided > 300)
        #expect(rawDecided < 1200)
    }
}
