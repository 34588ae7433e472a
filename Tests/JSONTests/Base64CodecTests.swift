import Foundation
import Testing
@testable import JSON

struct Base64CodecTests {
    /// RFC 4648 §10.
    static let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                          ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]

    @Test func encodesAndDecodesTheRFCVectors() throws {
        for (plain, encoded) in Self.vectors {
            #expect(Base64Codec.encode(Array(plain.utf8)) == encoded)
            #expect(try Base64Codec.decode(encoded) == Array(plain.utf8))
            #expect(try Base64Codec.decodeLikeGo(encoded) == Array(plain.utf8))
        }
    }

    @Test func roundTripsEveryLengthAndByteAsFoundationDoes() throws {
        var generator = SeededGenerator(seed: 64)
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Base64Codec.encode(bytes)
            #expect(encoded == Data(bytes).base64EncodedString())
            #expect(try Base64Codec.decode(encoded) == bytes)
            // Bytes without contiguous storage take the element-by-element path.
            #expect(Base64Codec.encode(bytes.lazy.map { $0 }) == encoded)
        }
        var out = Array("x".utf8)
        Base64Codec.encode([0xFF, 0xFE], into: &out)
        #expect(out == Array("x//4=".utf8))
    }

    @Test(arguments: [
        ("Zg=", 0), ("Zm9vY", 4), ("Zm9v!mFy", 4), ("Zm9vYm?y", 6), ("Zg=a", 3), ("Zh==", 1), ("Zm9=", 2),
        ("Zg==Zg==", 2), ("====", 0), ("Z===", 1), ("Zm9v Zm9v", 8), (" Zm9", 0), ("Zm9v\nYmFy", 8), ("Zm8\u{E9}", 4), ("Zm\u{E9}", 2),
    ])
    func refusesAnythingButCanonicalBase64(_ text: String, _ offset: Int) {
        #expect(throws: Base64Error(offset: offset)) { try Base64Codec.decode(text) }
    }

    @Test func decodesLikeGoWhereKubernetesDoes() throws {
        #expect(try Base64Codec.decodeLikeGo("Zm9v\r\nYmFy\n") == Array("foobar".utf8))
        #expect(try Base64Codec.decodeLikeGo("Zh==") == Array("f".utf8))
        #expect(throws: Base64Error(offset: 6)) { try Base64Codec.decodeLikeGo("Zm9v\nY!Fy") }
        #expect(throws: Base64Error(offset: 5)) { try Base64Codec.decodeLikeGo("Zm9v\nY") }
        #expect(Base64Error(offset: 3).description == "illegal base64 data at input byte 3")
    }
}
