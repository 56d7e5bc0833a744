import ArgumentParser
import Foundation

/// `dify-operator version`: prints the operator's version, as text or JSON.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the operator's version.")

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        switch output {
        case .text:
            print("dify-operator \(BuildInfo.version) (API \(BuildInfo.apiVersion))")
        case .json:
            print("{\"apiVersion\":\"\(BuildInfo.apiVersion)\",\"version\":\"\(BuildInfo.version)\"}")
        }
    }
}
