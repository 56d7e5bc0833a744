import DifyAPI
import KubeCore
import KubeMachinery
import Testing

/// The CRDs' names, version, subresources and printer columns, and that their schemas are
/// structural by kube-apiserver's rules (as KubeMachinery checks them).
@Suite struct CRDDefinitionTests {
    static let crds: [(kind: String, plural: String, shortName: String)] = [
        (DifyModel.kind, DifyModel.plural, "dm"), (DifyDeployment.kind, DifyDeployment.plural, "dd"),
    ]

    @Test(arguments: zip(DifyCRDs.all, crds))
    func namesAndVersion(crd: JSONValue, expected: (kind: String, plural: String, shortName: String)) throws {
        let definition = try crd.decode(as: CustomResourceDefinition.self)
        #expect(definition.metadata.name == "\(expected.plural).dify.ai")
        let spec = try #require(definition.spec)
        #expect(spec.group == "dify.ai")
        #expect(spec.scope == "Namespaced")
        #expect(spec.names.kind == expected.kind)
        #expect(spec.names.plural == expected.plural)
        #expect(spec.names.singular == expected.kind.lowercased())
        #expect(spec.names.shortNames == [expected.shortName])
        #expect(spec.names.categories == ["dify"])
        #expect(spec.versions.count == 1)
        #expect(spec.versions.first?.name == "v1alpha1")
        #expect(spec.versions.first?.served == true)
        #expect(spec.versions.first?.storage == true)
        #expect(spec.versions.first?.subresources?.status == .emptyObject)
    }

    @Test func onlyDifyDeploymentHasScale() throws {
        let model = try DifyCRDs.difyModel.decode(as: CustomResourceDefinition.self)
        #expect(model.spec?.versions.first?.subresources?.scale == nil)
        let deployment = try DifyCRDs.difyDeployment.decode(as: CustomResourceDefinition.self)
        #expect(deployment.spec?.versions.first?.subresources?.scale == CustomResourceSubresourceScale(
            specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector"))
    }

    @Test func printerColumns() throws {
        func columns(_ crd: JSONValue) throws -> [String] {
            let definition = try crd.decode(as: CustomResourceDefinition.self)
            return (definition.spec?.versions.first?.additionalPrinterColumns ?? []).map { "\($0.name)=\($0.jsonPath)" }
        }
        #expect(try columns(DifyCRDs.difyModel) == [
            "Phase=.status.phase", "GPU=.status.resolved.gpuResourceName", "Memory=.status.resolved.estimatedMemory",
            "Engine=.spec.engine.type", "Revision=.status.revision", "Age=.metadata.creationTimestamp",
        ])
        #expect(try columns(DifyCRDs.difyDeployment) == [
            "Model=.spec.modelRef.name", "Phase=.status.phase", "Desired=.spec.replicas", "Ready=.status.readyReplicas",
            "Revision=.status.currentRevision", "Endpoint=.status.endpoint.url", "Age=.metadata.creationTimestamp",
        ])
    }

    /// A column pointing at a field the schema does not have would stay empty forever.
    @Test(arguments: DifyCRDs.all)
    func printerColumnsPointAtSchemaFields(crd: JSONValue) throws {
        let schema = try DifySchemas.structural(crd)
        let definition = try crd.decode(as: CustomResourceDefinition.self)
        for column in definition.spec?.versions.first?.additionalPrinterColumns ?? [] where !column.jsonPath.hasPrefix(".metadata.") {
            let path = column.jsonPath.split(separator: ".").map(String.init)
            let node = schema.schema(at: path)
            #expect(node != nil, "column \(column.name): \(column.jsonPath) is not in the schema")
            let expectedType = column.type == "date" ? "string" : column.type
            #expect(node?.type == expectedType, "column \(column.name) has type \(column.type), the field \(node?.type ?? "none")")
        }
    }

    /// kube-apiserver refuses a CRD whose schema is not structural; KubeMachinery applies the
    /// same rules (and the CRD-specific ones: metadata, defaults, list types, rule shape).
    @Test(arguments: DifyCRDs.all)
    func schemaIsStructural(crd: JSONValue) throws {
        let definition = try crd.decode(as: CustomResourceDefinition.self)
        do {
            _ = try StructuralSchema.forVersion("v1alpha1", of: definition)
        } catch let error as StructuralSchemaError {
            Issue.record("not structural: \(error)")
        }
    }

    /// Fields that do nothing yet are not advertised: a write containing them is pruned.
    @Test func fieldsThatDoNothingArePruned() throws {
        var deployment = try JSONValue(encoding: FullObjects.deployment)
        deployment["spec"]["strategy"]["canary"] = ["steps": [["setWeight": 20]]]
        deployment["spec"]["strategy"]["blueGreen"] = ["autoPromotionEnabled": false]
        deployment["spec"]["disasterRecovery"] = ["snapshots": ["schedule": "0 3 * * *"]]
        deployment["status"]["canary"] = ["stepIndex": 1, "weight": 20]
        let admitted = try DifySchemas.admit(deployment)
        #expect(admitted.pruned == ["spec.disasterRecovery", "spec.strategy.blueGreen", "spec.strategy.canary", "status.canary"])
    }
}
