import Foundation
import JSON
import Webhooks

// `seed-webhooks-bench admission [--iterations N] [--only LABEL] [--review PATH] [--write-review PATH]`
//
// In-process cost of one AdmissionReview through the real handler: decode → webhook → encode the
// response. Prints p50/p99 per review for every webhook: the CloudProfile ones on a ~5 KiB review
// as kube-apiserver sends it, the others on the README's example reviews (run from the repository). `--only` keeps the runs whose label contains LABEL
// (for a profiler); `--review` runs the CloudProfile webhooks on another review; `--write-review` saves the review body for the over-TLS comparison in bench/run.

func runAdmissionBench(_ arguments: [String]) throws {
    var iterations = 20_000
    var writePath: String?
    var only: String?
    var reviewPath: String?
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--iterations": iterations = rest.popFirst().flatMap { Int($0) } ?? iterations
        case "--write-review": writePath = rest.popFirst()
        case "--only": only = rest.popFirst()
        case "--review": reviewPath = rest.popFirst()
        default: print("admission: unknown option \(argument)"); exit(2)
        }
    }
    let body = try reviewPath.map(readReview) ?? cloudProfileReview()
    if let writePath {
        try Data(body).write(to: URL(fileURLWithPath: writePath))
        return
    }
    let now = Timestamp(seconds: 1_780_000_000)
    // The validating webhook; the mutating one with nothing to change (the common case, answered
    // from the bytes); and the mutating one rewriting four legacy versions (documents and a patch).
    let webhooks: [(label: String, webhook: any AdmissionWebhook)] = [
        ("", CloudProfileValidationWebhook(clock: { now })),
        (" (no change)", CloudProfileMutationWebhook(clock: { now })),
        (" (legacy rewrite, patch)", CloudProfileMutationWebhook(settings: CloudProfileSettings(migrateLegacyClassification: true), clock: { now })),
    ]
    // The other webhooks on the README's example reviews.
    var others: [(label: String, webhook: any AdmissionWebhook, body: [UInt8])] = []
    let secret = try readReview("examples/reviews/admissionreview-token-requestor-secret-with-kubeconfig.json")
    for webhook in try TokenRequestorWebhooks(tokenRequestorClass: nil, caBundleFile: "examples/token-requestor-ca.crt").all {
        others.append((" (secret with kubeconfig)", webhook, secret))
    }
    let service = try readReview("examples/reviews/admissionreview-service-opts-into-traffic-distribution.json")
    for webhook in try TrafficDistributionWebhooks(kubernetesVersion: "1.34").all {
        others.append((" (opted-in Service)", webhook, service))
    }
    let runs = webhooks.map { ($0.label, $0.webhook, body) } + others
    for (label, webhook, body) in runs where only.map({ (webhook.name + label).contains($0) }) ?? true {
        let handler = AdmissionReviewHandler(webhook: webhook)
        let answer = try handler.review(body)
        guard String(decoding: answer, as: UTF8.self).contains(#""allowed":true"#) else {
            print("admission: \(webhook.name) did not allow the benchmark review: \(String(decoding: answer, as: UTF8.self))")
            exit(1)
        }
        // Thread CPU time per review: what a review costs, not how long other processes on the
        // shared cores kept it waiting.
        var samples: [Int64] = []
        samples.reserveCapacity(iterations)
        var sink = 0
        for _ in 0..<(iterations / 10) { sink &+= try handler.review(body).count }  // warm-up
        for _ in 0..<iterations {
            let start = threadCPUNanoseconds()
            sink &+= try handler.review(body).count
            samples.append(threadCPUNanoseconds() - start)
        }
        // What reading the clock twice costs (a system call each) is not the review's.
        let clockCost = clockOverheadNanoseconds()
        samples = samples.map { max(0, $0 - clockCost) }.sorted()
        let p50 = Double(samples[samples.count / 2]) / 1000
        let p99 = Double(samples[min(samples.count - 1, samples.count * 99 / 100)]) / 1000
        print("admission: \(webhook.name)\(label) \(body.count)-byte review, decode → admit → encode: p50 \(format(p50)) µs, p99 \(format(p99)) µs CPU (\(iterations) reviews, clock cost \(format(Double(clockCost) / 1000)) µs taken off, \(answer.count)-byte answer, sink \(sink % 7))")
    }
}

private func readReview(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

private func threadCPUNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
}

/// The median CPU time between two back-to-back clock reads.
private func clockOverheadNanoseconds() -> Int64 {
    var samples: [Int64] = []
    samples.reserveCapacity(2_001)
    for _ in 0...2_000 {
        let start = threadCPUNanoseconds()
        samples.append(threadCPUNanoseconds() - start)
    }
    samples.sort()
    return samples[samples.count / 2]
}

private func format(_ value: Double) -> String {
    String(format: "%.1f", value)
}

/// A CloudProfile create review in kube-apiserver's shape (keys sorted, managedFields, typed
/// options) with lifecycles, legacy versions and machine images, about 5 KiB.
func cloudProfileReview() -> [UInt8] {
    var kubernetes: [String] = []
    for minor in 28...34 {
        for patch in 0..<2 {
            let version = "1.\(minor).\(patch)"
            if minor < 30 {
                kubernetes.append(#"{"classification":"deprecated","expirationDate":"2027-0\#(minor - 27)-01T00:00:00Z","version":"\#(version)"}"#)
            } else {
                kubernetes.append(#"{"lifecycle":[{"classification":"preview"},{"classification":"supported","startTime":"2026-0\#(minor - 29)-01T00:00:00Z"},{"classification":"deprecated","startTime":"2027-0\#(minor - 29)-01T00:00:00Z"}],"version":"\#(version)"}"#)
            }
        }
    }
    var images: [String] = []
    for (name, count) in [("gardenlinux", 5), ("ubuntu", 2)] {
        var versions: [String] = []
        for index in 0..<count {
            versions.append(#"{"architectures":["amd64","arm64"],"cri":[{"name":"containerd"}],"lifecycle":[{"classification":"supported"}],"version":"\#(1590 + index).1.0"}"#)
        }
        images.append(#"{"name":"\#(name)","updateStrategy":"minor","versions":[\#(versions.joined(separator: ","))]}"#)
    }
    let object = #"{"apiVersion":"core.gardener.cloud/v1beta1","kind":"CloudProfile","metadata":{"creationTimestamp":"2026-11-24T17:17:13Z","generation":1,"labels":{"provider":"local"},"managedFields":[{"apiVersion":"core.gardener.cloud/v1beta1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:provider":{}}},"f:spec":{".":{},"f:kubernetes":{".":{},"f:versions":{}},"f:machineImages":{},"f:machineTypes":{},"f:regions":{},"f:type":{}}},"manager":"kubectl-create","operation":"Update","time":"2026-11-24T17:17:13Z"}],"name":"local","uid":"201120b6-1dce-46e2-a66e-dd802949ee06"},"spec":{"kubernetes":{"versions":[\#(kubernetes.joined(separator: ","))]},"machineImages":[\#(images.joined(separator: ","))],"machineTypes":[{"architecture":"amd64","cpu":"2","gpu":"0","memory":"4Gi","name":"local","usable":true}],"regions":[{"name":"local","zones":[{"name":"local-a"}]}],"type":"local"}}"#
    let review = #"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"597a5a83-5d3f-45bf-8642-1aa2e9520398","kind":{"group":"core.gardener.cloud","version":"v1beta1","kind":"CloudProfile"},"resource":{"group":"core.gardener.cloud","version":"v1beta1","resource":"cloudprofiles"},"requestKind":{"group":"core.gardener.cloud","version":"v1beta1","kind":"CloudProfile"},"requestResource":{"group":"core.gardener.cloud","version":"v1beta1","resource":"cloudprofiles"},"name":"local","operation":"CREATE","userInfo":{"username":"gardener.cloud:system:seed:local","groups":["gardener.cloud:system:seeds","system:authenticated"],"extra":{"authentication.kubernetes.io/credential-id":["X509SHA256=94e13d487034977d896d9f6ad0e098237af4dd0fa349921c0b2584e7e7353a5d"]}},"object":\#(object),"oldObject":null,"dryRun":false,"options":{"kind":"CreateOptions","apiVersion":"meta.k8s.io/v1","fieldManager":"kubectl-create","fieldValidation":"Strict"}}}"#
    return Array((review + "\n").utf8)
}

