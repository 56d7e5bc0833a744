import DifyAPI
import KubeCore
import KubeMachinery
import Testing

/// The schemas and the Swift types agree: an object with every field set survives the API
/// server's decoding (pruning, defaulting) and validation unchanged, and decodes back.
@Suite struct SchemaRoundTripTests {
    @Test func fullDifyModelLosesNothing() throws {
        try roundTrip(FullObjects.model)
        try roundTrip(FullObjects.migModel)
    }

    @Test func fullDifyDeploymentLosesNothing() throws {
        try roundTrip(FullObjects.deployment)
    }

    private func roundTrip<T: Codable & Equatable>(_ value: T) throws {
        let object = try JSONValue(encoding: value)
        let admitted = try DifySchemas.admit(object)
        #expect(admitted.pruned == [], "the schema lacks these fields of the Swift type")
        #expect(admitted.errors.map(\.description) == [])
        #expect(admitted.object == object, "pruning or defaulting changed an object that sets every field")
        #expect(try admitted.object.decode(as: T.self) == value)
    }

    /// Status goes through the same schema (the /status subresource validates it).
    @Test func fullStatusValidates() throws {
        let model = try DifySchemas.model()
        let status = try JSONValue(encoding: FullObjects.model.status)
        let statusSchema = try #require(model.properties["status"])
        #expect(SchemaValidation.fieldErrors(status, schema: statusSchema, rootPath: "status").isEmpty)
    }
}

/// The schema's defaults are DifyDefaults, applied the way kube-apiserver applies them: to
/// fields of objects that are present.
@Suite struct SchemaDefaultingTests {
    @Test func difyModelDefaults() throws {
        let object: JSONValue = [
            "apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel", "metadata": ["name": "m", "namespace": "ai"],
            "spec": [
                "source": ["uri": "hf://org/model"],
                "size": ["parameters": "8B"],
                "engine": [:],
                "resources": ["gpu": ["mig": ["profile": "3g.40gb"]]],
                "cache": [:],
            ],
        ]
        let admitted = try DifySchemas.admit(object)
        #expect(admitted.errors.isEmpty)
        let model = try admitted.object.decode(as: DifyModel.self)
        #expect(model.spec.size?.dtype == DifyDefaults.dtype)
        #expect(model.spec.engine?.type == DifyDefaults.engineType)
        #expect(model.spec.engine?.tensorParallelSize == DifyDefaults.tensorParallelSize)
        #expect(model.spec.engine?.gpuMemoryUtilization == DifyDefaults.gpuMemoryUtilization)
        #expect(model.spec.resources?.gpu?.mig?.strategy == DifyDefaults.migStrategy)
        #expect(model.spec.cache?.accessMode == DifyDefaults.cacheAccessMode)
        #expect(model.spec.cache?.preload == DifyDefaults.cachePreload)
        #expect(model.spec.cache?.retainOnDelete == DifyDefaults.cacheRetainOnDelete)
        // No default where the value is derived or has no fixed default.
        #expect(model.spec.servedModelName == nil)
        #expect(model.spec.cache?.size == nil)
        #expect(model.spec.engine?.image == nil)
        #expect(model.spec.engine?.port == nil)
        #expect(model.spec.startup == nil)
    }

    @Test func absentObjectsGetNoDefaults() throws {
        let object: JSONValue = [
            "apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel", "metadata": ["name": "m", "namespace": "ai"],
            "spec": ["source": ["uri": "ollama://nomic-embed-text"]],
        ]
        let admitted = try DifySchemas.admit(object)
        #expect(admitted.errors.isEmpty)
        #expect(admitted.object["spec"] == object["spec"])
    }

    @Test func difyDeploymentDefaults() throws {
        let object: JSONValue = [
            "apiVersion": "dify.ai/v1alpha1", "kind": "DifyDeployment", "metadata": ["name": "d", "namespace": "ai"],
            "spec": [
                "modelRef": ["name": "m"],
                "autoscaling": ["maxReplicas": 3],
                "service": [:],
                "strategy": ["rollingUpdate": [:]],
            ],
        ]
        let admitted = try DifySchemas.admit(object)
        #expect(admitted.errors.isEmpty)
        let deployment = try admitted.object.decode(as: DifyDeployment.self)
        #expect(deployment.spec.replicas == DifyDefaults.replicas)
        #expect(deployment.spec.autoscaling?.minReplicas == DifyDefaults.minReplicas)
        #expect(deployment.spec.service?.type == DifyDefaults.serviceType)
        #expect(deployment.spec.service?.port == DifyDefaults.servicePort)
        #expect(deployment.spec.strategy?.type == DifyDefaults.strategyType)
        #expect(deployment.spec.strategy?.rollingUpdate?.maxSurge == DifyDefaults.maxSurge)
        #expect(deployment.spec.strategy?.rollingUpdate?.maxUnavailable == DifyDefaults.maxUnavailable)
        #expect(deployment.spec.strategy?.progressDeadlineSeconds == DifyDefaults.progressDeadlineSeconds)
        // Only meaningful without metrics, so the planner applies it, not the schema.
        #expect(deployment.spec.autoscaling?.targetCPUUtilizationPercentage == nil)
    }
}
