import DifyAPI
import KubeCore
import Testing

/// `kubectl explain` teaches the API from the schema's descriptions: every field has one.
@Suite struct SchemaDescriptionTests {
    /// Every node of a schema that is a property of an object, with its path
    /// (`spec.engine.env[].name`), found through `properties`, `items` and `additionalProperties`.
    static func properties(of node: JSONValue, path: String = "") -> [(path: String, node: JSONValue)] {
        var out: [(path: String, node: JSONValue)] = []
        for (name, child) in (node["properties"].objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let childPath = path.isEmpty ? name : path + "." + name
            out.append((childPath, child))
            out += properties(of: child, path: childPath)
        }
        if !node["items"].isNull { out += properties(of: node["items"], path: path + "[]") }
        if !node["additionalProperties"].isNull { out += properties(of: node["additionalProperties"], path: path + "{}") }
        return out
    }

    static func openAPISchema(_ crd: JSONValue) -> JSONValue {
        crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
    }

    @Test(arguments: DifyCRDs.all)
    func everyFieldHasADescription(crd: JSONValue) {
        let schema = Self.openAPISchema(crd)
        #expect(!(schema["description"].stringValue ?? "").isEmpty)
        let fields = Self.properties(of: schema)
        #expect(fields.count > 40)
        // kube-apiserver rejects a CRD that says anything but `type: object` about the root metadata.
        for field in fields where field.path != "metadata" {
            let description = field.node["description"].stringValue ?? ""
            #expect(description.count >= 10, "\(field.path) needs a description (kubectl explain prints it)")
        }
    }

    /// A declared default is stated in the description too, as kubectl explain does not show
    /// `default`.
    @Test(arguments: DifyCRDs.all)
    func everyDefaultIsDescribed(crd: JSONValue) {
        for field in Self.properties(of: Self.openAPISchema(crd)) where !field.node["default"].isNull {
            let description = field.node["description"].stringValue ?? ""
            let value = field.node["default"]
            let text = value.stringValue ?? value.description
            #expect(description.contains("Default: \(text)"), "\(field.path): description should say `Default: \(text)`")
        }
    }

    /// Fields whose values come from a closed list say so with an `enum`, built from DifyEnums.
    @Test func enumerationsComeFromDifyEnums() {
        let model = Self.properties(of: Self.openAPISchema(DifyCRDs.difyModel))
        let deployment = Self.properties(of: Self.openAPISchema(DifyCRDs.difyDeployment))
        func enumValues(_ fields: [(path: String, node: JSONValue)], _ path: String) -> [String]? {
            fields.first { $0.path == path }?.node["enum"].arrayValue?.compactMap(\.stringValue)
        }
        #expect(enumValues(model, "spec.engine.type") == DifyEnums.engineTypes)
        #expect(enumValues(model, "spec.size.dtype") == DifyEnums.dtypes)
        #expect(enumValues(model, "spec.resources.gpu.mig.strategy") == DifyEnums.migStrategies)
        #expect(enumValues(model, "spec.cache.accessMode") == DifyEnums.accessModes)
        #expect(enumValues(model, "status.phase") == DifyEnums.modelPhases)
        #expect(enumValues(deployment, "spec.service.type") == DifyEnums.serviceTypes)
        #expect(enumValues(deployment, "spec.strategy.type") == DifyEnums.strategyTypes)
        #expect(enumValues(deployment, "status.phase") == DifyEnums.deploymentPhases)
    }
}
