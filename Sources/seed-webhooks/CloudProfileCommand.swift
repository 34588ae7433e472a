import ArgumentParser

struct CloudProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cloudprofile", abstract: "Not available yet.")

    func run() throws {
        throw ValidationError("'cloudprofile' is not available in this build")
    }
}
