import ArgumentParser

struct AdmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admit", abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'admit' is not available in this build")
    }
}
