import JSON
import Testing
@testable import Webhooks

struct PEMCertificateBundleTests {
    private func problem(_ bytes: [UInt8]) -> String? {
        do {
            _ = try PEMCertificateBundle(bytes: bytes)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func acceptsABundleOfCertificatesAndKeepsItsBytes() throws {
        let bytes = try TestCertificates.certificate(commonName: "one") + TestCertificates.certificate(commonName: "two")
        let bundle = try PEMCertificateBundle(bytes: bytes)
        #expect(bundle.certificateCount == 2)
        #expect(bundle.bytes == bytes)
    }

    @Test func ignoresTextAroundBlocksAndCarriageReturns() throws {
        let certificate = text(try TestCertificates.certificate(commonName: "crlf"))
        let bytes = Array(("subject=CN=crlf\n" + certificate.replacingOccurrences(of: "\n", with: "\r\n") + "trailing note\n").utf8)
        #expect(try PEMCertificateBundle(bytes: bytes).certificateCount == 1)
    }

    @Test func refusesBytesWithoutAnyCertificate() {
        #expect(problem([]) == "no PEM certificate found")
        #expect(problem(Array("just some text\n".utf8)) == "no PEM certificate found")
    }

    @Test func refusesABlockThatIsNotACertificate() throws {
        let bytes = try TestCertificates.certificate(commonName: "ca") + TestCertificates.privateKey()
        #expect(problem(bytes) == "PEM block 2 is a PRIVATE KEY, not a CERTIFICATE")
    }

    @Test func refusesACertificateBlockThatOpenSSLCannotParse() throws {
        let corrupt = "-----BEGIN CERTIFICATE-----\nTUlJQm9uZSBjZXJ0aWZpY2F0ZSB0aGF0IGlzIG5vdA==\n-----END CERTIFICATE-----\n"
        #expect(problem(Array(corrupt.utf8)) == "PEM block 1 is not a parsable X.509 certificate")
        let notBase64 = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"
        #expect(problem(Array(notBase64.utf8)) == "PEM block 1 is not a parsable X.509 certificate")
    }

    @Test func refusesACertificateWithTrailingBytesInItsBlock() throws {
        let certificate = text(try TestCertificates.certificate(commonName: "padded"))
        let lines = certificate.split(separator: "\n").map(String.init)
        let der = try #require(try? Base64Codec.decode(lines.dropFirst().dropLast().joined()))
        let padded = "-----BEGIN CERTIFICATE-----\n" + Base64Codec.encode(der + [0, 0]) + "\n-----END CERTIFICATE-----\n"
        #expect(problem(Array(padded.utf8)) == "PEM block 1 is not a parsable X.509 certificate")
    }

    @Test func refusesABlockWithoutEndLine() throws {
        let certificate = text(try TestCertificates.certificate(commonName: "cut"))
        let cut = certificate.replacingOccurrences(of: "-----END CERTIFICATE-----", with: "")
        #expect(problem(Array(cut.utf8)) == "PEM block 1 has no END line")
    }

    @Test func refusesMismatchedArmorLabels() throws {
        let certificate = text(try TestCertificates.certificate(commonName: "mismatch"))
        let mismatched = certificate.replacingOccurrences(of: "-----END CERTIFICATE-----", with: "-----END X509 CRL-----")
        #expect(problem(Array(mismatched.utf8)) == "PEM block 1 ends with a different label than it began")
    }
}
