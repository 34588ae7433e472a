import ArgumentParser

struct AuthorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "authorize", abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'authorize' is not available in this build")
    }
}
