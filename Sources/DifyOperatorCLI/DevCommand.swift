import ArgumentParser

/// `dify-operator dev`: the operator on its embedded API server. The embedded server (the
/// emulator) is the next milestone; until it lands this command says so and exits non-zero
/// rather than pretending to work.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the operator against an embedded Kubernetes API server (not available yet)."
    )

    func run() throws {
        print("""
            dify-operator dev: the embedded Kubernetes API server is not built yet.
            What works today: the Kubernetes client library (KubeCore, KubeClient) and `dify-operator version`.
            Run the test suite with: hack/test.sh
            """)
        throw ExitCode(2)
    }
}
