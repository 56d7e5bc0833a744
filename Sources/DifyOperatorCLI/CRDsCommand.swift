import ArgumentParser
import DifyAPI
import Foundation

/// `dify-operator crds`: prints the CRDs generated from the Swift types (the files in `crds/`
/// are this output; `hack/update-crds.sh` regenerates them).
struct CRDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crds",
        abstract: "Print the DifyModel and DifyDeployment CustomResourceDefinitions (YAML).",
        discussion: "kubectl apply --server-side -f <(dify-operator crds) installs them; --output-dir writes one file per CRD."
    )

    @Option(name: .customLong("output-dir"), help: "Write one file per CRD into this directory instead of printing.")
    var outputDir: String?

    func run() throws {
        guard let outputDir else {
            print(DifyCRDs.yaml(), terminator: "")
            return
        }
        for file in DifyCRDs.files() {
            let path = URL(fileURLWithPath: outputDir).appendingPathComponent(file.name).path
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            print("wrote \(path)")
        }
    }
}
