import JSON
@testable import Webhooks

// libFuzzer harness: what the token-requestor webhooks read from a Secret: a kubeconfig (YAML or
// JSON) and a PEM certificate bundle. Beyond "no crash": a kubeconfig that decodes as YAML also
// decodes after being written back by the YAML emitter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKubeconfigAndPEM(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let config = try? Kubeconfig(bytes: bytes), config.syntax == .yaml {
        let written = Array(YAMLDocuments.emit(.object(config.document)).utf8)
        guard (try? Kubeconfig(bytes: written)) != nil else { fatalError("a kubeconfig does not survive emit → parse") }
    }
    _ = try? PEMCertificateBundle(bytes: bytes)
    return 0
}
