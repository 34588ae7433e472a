import ArgumentParser

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'config' is not available in this build")
    }
}
