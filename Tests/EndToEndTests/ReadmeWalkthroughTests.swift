import Foundation
import Testing

/// Every ```` ```sh ```` block of README.md that is followed by an ```` ```output ```` block is run,
/// in order, against a started server, and must print exactly that output. The README cannot rot.
struct ReadmeWalkthroughTests {
    static func readme() throws -> String {
        try String(contentsOf: RepositoryPaths.file("README.md"), encoding: .utf8)
    }

    @Test func parserPairsCommandBlocksWithTheOutputBlockRightAfterThem() {
        let markdown = """
            # Title
            ```sh
            make run
            ```
            Text.
            ```sh
            echo one
            echo two
            ```

            ```output
            one
            two
            ```
            ```output
            orphan
            ```
            ```sh
            echo three
            ```
            between
            ```output
            three
            ```
            """
        let (examples, orphans) = ReadmeWalkthrough.examples(markdown)
        #expect(examples.map(\.command) == ["echo one\necho two"])
        #expect(examples.map(\.expected) == ["one\ntwo"])
        #expect(examples.map(\.line) == [6])
        #expect(orphans == [15, 22])
    }

    @Test func normalizationIgnoresOnlyTrailingBlanks() {
        #expect(ReadmeWalkthrough.normalized("a  \nb\t\n\n\n") == "a\nb")
        #expect(ReadmeWalkthrough.normalized(" a\n\nb") == " a\n\nb")
    }

    @Test func everyOutputBlockBelongsToACommand() throws {
        let (examples, orphans) = ReadmeWalkthrough.examples(try Self.readme())
        #expect(orphans == [], "output blocks without a command right before them (README.md lines)")
        #expect(!examples.isEmpty)
    }

    @Test func everyReadmeCommandPrintsTheOutputShown() throws {
        let (examples, _) = ReadmeWalkthrough.examples(try Self.readme())
        var server: ReadmeServer?
        defer { server?.stop() }
        for example in examples {
            var command = example.command
            if example.needsServer {
                if server == nil { server = try ReadmeServer() }
                command = server?.rewrite(command) ?? command
            }
            let result = try ReadmeWalkthrough.run(command)
            let actual = ReadmeWalkthrough.normalized(result.stdout)
            let expected = ReadmeWalkthrough.normalized(example.expected)
            #expect(actual == expected, """
                \(example): `\(example.command)` printed (exit \(result.status)):
                \(actual)
                but README.md shows:
                \(expected)
                """)
        }
    }
}
