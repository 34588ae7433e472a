import ArgumentParser

@main
struct SeedWebhooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-webhooks",
        abstract: "Gardener Seed Authorizer and admission webhooks over TLS.",
        subcommands: [
            ServeCommand.self,
            AuthorizeCommand.self,
            AdmitCommand.self,
            CloudProfileCommand.self,
            ConfigCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
