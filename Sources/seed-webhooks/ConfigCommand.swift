import ArgumentParser

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with configuration files.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a configuration file and print every setting it would run with."
        )

        @Argument(help: "The YAML configuration file.")
        var file: String

        func run() throws {
            do {
                let configuration = try ConfigurationLoader.load(file: file, overrides: [])
                print(ConfigurationLoader.render(configuration), terminator: "")
                for warning in ConfigurationLoader.warnings(configuration) {
                    FileHandleStandardError.write("warning: \(warning)\n")
                }
            } catch {
                FileHandleStandardError.write("\(error.description)\n")
                throw ExitCode(1)
            }
        }
    }
}
