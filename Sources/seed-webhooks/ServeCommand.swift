import ArgumentParser

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'serve' is not available in this build")
    }
}
