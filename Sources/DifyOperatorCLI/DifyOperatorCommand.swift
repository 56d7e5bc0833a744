import ArgumentParser

/// The `dify-operator` command line.
@main
struct DifyOperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dify-operator",
        abstract: "Runs self-hosted LLM serving for Dify on Kubernetes GPU clusters.",
        version: BuildInfo.version,
        subcommands: [VersionCommand.self, RunCommand.self, DevCommand.self, CRDsCommand.self]
    )
}
