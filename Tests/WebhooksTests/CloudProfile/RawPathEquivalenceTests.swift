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

    // `testNow` is 2026-06-01T00:00:00Z: times before it, at it and after it.
    static let times = [#""2025-01-01T00:00:00Z""#, #""2026-06-01T00:00:00Z""#, #""2026-07-01T00:00:00Z""#,
                        #""2027-01-01T00:00:00Z""#, #""2026-06-01T02:00:00+02:00""#, #""garbage""#, "null", "17"]
    static let classifications = [#""preview""#, #""supported""#, #""supported""#, #""deprecated""#, #""expired""#,
                                  #""unavailable""#, #""stable""#, #""""#, #""support\u0065d""#, "null", "true"]

    /// A version text: mostly `1.3x.y` (so duplicates happen), sometimes one the quick read
    /// leaves to the full rules (leading zeros, other forms, escapes, overflow, wrong types).
    func versionText(_ g: inout Generator, _ name: String) -> String {
        switch g.next(24) {
        case 0: return #""1.030.0""#
        case 1: return #""v1.30.0""#
        case 2: return #""1.30""#
        case 3: return #""1.30.0-rc.1""#
        case 4: return #""99999999999999999999.0.0""#
        case 5: return #""1.3\u0030.0""#
        case 6: return "null"
        case 7: return "130"
        default: return "\"\(name)\""
        }
    }

    func version(_ g: inout Generator, _ name: String) -> String {
        var members = g.next(30) == 0 ? [] : [#""version":\#(versionText(&g, name))"#]
        switch g.next(8) {
        case 0: break
        case 1: members.append(#""classification":\#(g.pick(Self.classifications))"#)
        case 2: members.append(#""expirationDate":\#(g.pick(Self.times))"#)
        case 3:
            members.append(#""classification":\#(g.pick(Self.classifications))"#)
            members.append(#""expirationDate":\#(g.pick(Self.times))"#)
        case 4: members.append(g.pick([#""lifecycle":[]"#, #""lifecycle":null"#, #""lifecycle":{}"#]))
        default:
            var stages: [String] = []
            for index in 0..<(1 + g.next(4)) {
                var stage: [String] = []
                if g.next(25) != 0 { stage.append(#""classification":\#(g.pick(Self.classifications))"#) }
                if !(index == 0 && g.next(2) == 0) { stage.append(#""startTime":\#(g.pick(Self.times))"#) }
                if g.next(20) == 0 { stage.append(#""startTime":"2026-01-01T00:00:00Z""#) }
                stages.append("{" + stage.joined(separator: ",") + "}")
            }
            members.append(#""lifecycle":[\#(stages.joined(separator: ","))]"#)
            if g.next(5) == 0 { members.append(#""classification":"supported""#) }
        }
        if g.next(6) == 0 { members.insert(#""architectures":["amd64","arm64"],"cri":[{"name":"containerd"}]"#, at: 0) }
        if g.next(40) == 0, let first = members.first { members.append(first) }  // a member given twice
        return "{" + members.joined(separator: ",") + "}"
    }

    func object(_ g: inout Generator, kind: String) -> String {
        let kubernetes = (0..<g.next(5)).map { version(&g, "1.3\($0 % 3).\(g.next(3))") }
        var kubernetesMember: String
        switch g.next(12) {
        case 0: kubernetesMember = #""kubernetes":null"#
        case 1: kubernetesMember = #""kubernetes":{"versions":null}"#
        case 2: kubernetesMember = #""kubernetes":[]"#
        default: kubernetesMember = #""kubernetes":{"versions":[\#(kubernetes.joined(separator: ","))]}"#
        }
        if g.next(12) == 0 { kubernetesMember = "" }
        var images: [String] = []
        for index in 0..<g.next(4) {
            let versions = (0..<g.next(4)).map { version(&g, "\($0 + 1).0.\(index)") }
            let strategy = g.next(2) == 0 ? #","updateStrategy":"minor""# : ""
            let name = g.next(10) == 0 ? "null" : #""image\#(index % 2)""#
            let versionsMember = g.next(10) == 0 ? "null" : "[\(versions.joined(separator: ","))]"
            images.append(#"{"name":\#(name)\#(strategy),"versions":\#(versionsMember)}"#)
        }
        let status = g.next(3) == 0 ? #","status":{"kubernetes":{"versions":[]}}"# : ""
        let spec = g.next(40) == 0 ? "null" : "{" + [kubernetesMember, #""machineImages":[\#(images.joined(separator: ","))]"#, #""type":"local""#]
            .filter { !$0.isEmpty }.joined(separator: ",") + "}"
        return #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"\#(kind)","metadata":{"name":"p","labels":{"a/b~c":"d"}},"spec":\#(spec)\#(status)}"#
    }

    @Test func rawAndDocumentPathsAnswerTheSame() throws {
        var g = Generator(state: 2026)
        let settings = [CloudProfileSettings(), CloudProfileSettings(), CloudProfileSettings(migrateLegacyClassification: true),
                        CloudProfileSettings(versionClassificationLifecycle: false),
                        CloudProfileSettings(versionClassificationLifecycle: false, migrateLegacyClassification: true)]
        var rawDecided = 0
        var rawAllowedValidations = 0
        var allowedFromTape = 0
        for _ in 0..<2500 {
            // Mostly what kube-apiserver sends; sometimes escaped spellings of the same strings, or
            // another kind, which the bytes must read exactly as the documents do.
            let kind = g.pick(["CloudProfile", "NamespacedCloudProfile", "CloudProfile", "NamespacedCloudProfile",
                               #"Cloud\u0050rofile"#, "Shoot", "cloudprofile"])
            let group = g.pick(["core.gardener.cloud", "core.gardener.cloud", "core.gardener.cloud", #"core.gardener\/cloud"#,
                                #"core.gardener.clou\u0064"#, "", "apps"])
            let apiVersion = g.pick(["admission.k8s.io/v1", "admission.k8s.io/v1", "admission.k8s.io/v1beta1"])
            let uid = g.pick(["u", "597a5a83-5d3f-45bf-8642-1aa2e9520398", #"\u003cuid\u003e"#, "<&>", #"a\"b"#])
            let operation = g.pick(["CREATE", "UPDATE", "DELETE", "CREATE", "UPDATE", #"CR\u0045ATE"#])
            let subResource = g.pick(["", "", "", "status", #"st\u0061tus"#, "scale"])
            let objectKind = kind.hasPrefix("Namespaced") ? "NamespacedCloudProfile" : "CloudProfile"
            let object = operation == "DELETE" ? "null" : self.object(&g, kind: objectKind)
            let oldObject = operation.hasPrefix("CR") ? "null" : self.object(&g, kind: objectKind)
            let resource = kind == "CloudProfile" ? "cloudprofiles" : "namespacedcloudprofiles"
            let body = #"{"kind":"AdmissionReview","apiVersion":"\#(apiVersion)","request":{"uid":"\#(uid)","kind":{"group":"\#(group)","version":"v1beta1","kind":"\#(kind)"},"resource":{"group":"core.gardener.cloud","version":"v1beta1","resource":"\#(resource)"},"subResource":"\#(subResource)","name":"p","operation":"\#(operation)","userInfo":{},"object":\#(object),"oldObject":\#(oldObject),"dryRun":false}}"#
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
                let fromBytes = try bytes.withUnsafeBufferPointer { try webhook.scanAndAdmit($0).outcome }
                if fromBytes != nil { rawDecided += 1 }
                // What the tape allows, the bytes allow too, or leave to the documents (which, by
                // the comparison above, allow it as well).
                if bytes.withUnsafeBufferPointer({ webhook.admitFromTape($0) }) != nil {
                    allowedFromTape += 1
                    #expect(fromBytes == nil || fromBytes == .allowed, "\(webhook.name) \(body)")
                }
            }
            if operation != "DELETE", subResource.isEmpty, kind.hasSuffix("CloudProfile"), group == "core.gardener.cloud",
               try bytes.withUnsafeBufferPointer({ try validation.scanAndAdmit($0).outcome }) == .allowed {
                rawAllowedValidations += 1
            }
        }
        // The corpus exercises both paths, and the quick read allows a fair share of the
        // CREATE/UPDATE validations itself.
        #expect(rawDecided > 800)
        #expect(rawDecided < 4500)
        #expect(rawAllowedValidations > 20)
        #expect(allowedFromTape > rawAllowedValidations)
    }

    /// The version tables read from the bytes and from the tape (walked in place) are the same
    /// table, or both readings find the object unusual.
    @Test func bytesAndTapeReadTheSameTables() throws {
        var g = Generator(state: 7)
        var compared = 0
        for _ in 0..<3000 {
            let document = Array(object(&g, kind: g.pick(["CloudProfile", "NamespacedCloudProfile"])).utf8)
            try document.withUnsafeBufferPointer { buffer in
                var bytes = JSONReader(buffer)
                let fromBytes = Result { try CloudProfileVersionTable.read(&bytes) }
                guard let tape = JSONTape(buffer) else { return }
                var onTape = tape.reader
                let fromTape = Result { try CloudProfileVersionTable.read(&onTape) }
                switch (fromBytes, fromTape) {
                case (.success(let a), .success(let b)):
                    compared += 1
                    #expect(Self.describe(a) == Self.describe(b), "\(String(decoding: document, as: UTF8.self))")
                    #expect(onTape.cursor.type == UInt8(ascii: "r"), "the tape reading ends after the object")
                case (.failure(let a), .failure(let b)):
                    // Bytes may find what a tape never holds (escapes, JSON errors); a tape reading
                    // fails only as unusual.
                    #expect(b is CloudProfileVersionTable.Unusual, "\(a) \(b)")
                case (.failure(let error), .success):
                    // Only escapes in the bytes are unusual to the byte reader alone.
                    #expect(error is CloudProfileVersionTable.Unusual, "\(error)")
                case (.success, .failure(let error)):
                    Issue.record("only the tape reading failed: \(error) \(String(decoding: document, as: UTF8.self))")
                }
            }
        }
        #expect(compared > 500)
    }

    /// A table as text: every field, strings by their bytes.
    static func describe(_ table: CloudProfileVersionTable) -> String {
        func text(_ range: Range<Int>) -> String { String(decoding: table.bytes(range), as: UTF8.self) }
        func version(_ v: CloudProfileVersionTable.Version) -> String {
            let stages = table.stages[v.stages].map { "\($0.classification)@\($0.startTime.map(\.description) ?? "-")" }
            return "\(text(v.text)) \(v.numbers.map { "\($0)" } ?? "-") \(v.classification.map { "\($0)" } ?? "-") \(v.expirationDate?.description ?? "-") \(v.hasLifecycleField) \(stages)"
        }
        let kubernetes = table.versions[table.kubernetes].map(version)
        let images = table.images.map { "\(text($0.name)): \(table.versions[$0.versions].map(version))" }
        return "kubernetes \(table.hasKubernetes) \(kubernetes) images \(images) status \(table.hasStatus)"
    }
}
