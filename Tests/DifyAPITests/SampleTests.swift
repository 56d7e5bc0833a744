import DifyAPI
import KubeCore
import KubeMachinery
import Testing

/// `crds/samples/` is what `dify-operator dev --samples` applies: it must be accepted by the
/// schemas (CEL is checked by `hack/cel-check.py`) and hang together.
@Suite struct SampleTests {
    static func documents() throws -> [(file: String, object: JSONValue)] {
        try RepositoryFiles.samples().flatMap { file in
            try YAMLDocuments.load(file.text).map { (file.name, $0) }
        }
    }

    @Test func namespaceComesFirst() throws {
        let docs = try Self.documents()
        #expect(docs.first?.file == "00-namespace.yaml")
        #expect(docs.first?.object["kind"] == "Namespace")
        #expect(docs.first?.object.name == "ai")
        #expect(docs.dropFirst().allSatisfy { $0.object.namespace == "ai" })
    }

    @Test func difyObjectsAreAcceptedUnchangedButForDefaults() throws {
        let dify = try Self.documents().filter { $0.object["apiVersion"] == .string(DifyAPIGroup.apiVersion) }
        #expect(dify.count == 6)
        for (file, object) in dify {
            let admitted = try DifySchemas.admit(object)
            #expect(admitted.pruned == [], "\(file): fields not in the schema")
            #expect(admitted.errors.map(\.description) == [], "\(file)")
            switch object["kind"].stringValue {
            case DifyModel.kind: _ = try admitted.object.decode(as: DifyModel.self)
            case DifyDeployment.kind: _ = try admitted.object.decode(as: DifyDeployment.self)
            default: Issue.record("\(file): unexpected kind \(object["kind"])")
            }
        }
    }

    @Test func referencesResolve() throws {
        let objects = try Self.documents().map(\.object)
        let models = try objects.filter { $0["kind"] == "DifyModel" }.map { try $0.decode(as: DifyModel.self) }
        let deployments = try objects.filter { $0["kind"] == "DifyDeployment" }.map { try $0.decode(as: DifyDeployment.self) }
        let secrets = Set(objects.filter { $0["kind"] == "Secret" }.compactMap(\.name))
        #expect(Set(models.compactMap(\.metadata.name)) == ["llama3-8b", "qwen25-14b-mig", "nomic-embed"])
        #expect(Set(deployments.compactMap(\.metadata.name)) == ["chat", "qwen-mig", "embeddings"])
        for deployment in deployments {
            #expect(models.contains { $0.metadata.name == deployment.spec.modelRef.name })
        }
        for model in models {
            if let secret = model.spec.source.credentialsSecretRef?.name { #expect(secrets.contains(secret)) }
        }
    }

    /// The three placements the emulator's default cluster offers: a whole GPU, a MIG slice
    /// chosen by `auto`, and CPU only.
    @Test func samplesCoverTheThreePlacements() throws {
        let models = try Self.documents().map(\.object).filter { $0["kind"] == "DifyModel" }.map { try $0.decode(as: DifyModel.self) }
        let byName = Dictionary(uniqueKeysWithValues: models.map { ($0.metadata.name ?? "", $0) })
        #expect(byName["llama3-8b"]?.spec.resources?.gpu?.count == 1)
        #expect(byName["qwen25-14b-mig"]?.spec.resources?.gpu?.mig?.profile == "auto")
        #expect(byName["qwen25-14b-mig"]?.spec.resources?.gpu?.product == "NVIDIA-H100-80GB-HBM3")
        #expect(byName["nomic-embed"]?.spec.resources?.gpu == nil)
        #expect(byName["nomic-embed"]?.spec.engine?.type == "Ollama")
    }
}
