import KubeCore
import Testing

@testable import KubeMachinery

@Suite("Schema defaulting")
struct SchemaDefaultingTests {
    let schema = DifyModelFixture.schema
    let json = DifyModelFixture.json

    @Test func defaultsAbsentFieldsOfPresentObjects() {
        let input = json(
            #"""
            {"apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel", "metadata": {"name": "m"},
             "spec": {"source": {"uri": "hf://a/b"}, "engine": {"type": "vLLM"},
                      "ports": [{"name": "http", "port": 80}, {"name": "udp", "port": 53, "protocol": "UDP"}]}}
            """#)
        let expected = json(
            #"""
            {"apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel", "metadata": {"name": "m"},
             "spec": {"source": {"uri": "hf://a/b", "revision": "main"}, "engine": {"type": "vLLM"},
                      "replicas": 1, "resources": {"gpu": 1},
                      "ports": [{"name": "http", "port": 80, "protocol": "TCP"}, {"name": "udp", "port": 53, "protocol": "UDP"}]}}
            """#)
        #expect(SchemaDefaulting.applied(to: input, schema: schema) == expected)
    }

    @Test func childDefaultsNeedTheirParent() {
        // autoscaling has no default itself: its children's defaults are not created...
        let without = SchemaDefaulting.applied(to: json(#"{"spec": {"source": {"uri": "hf://a"}, "engine": {"type": "vLLM"}}}"#), schema: schema)
        #expect(without[path: ["spec", "autoscaling"]] == .null)
        #expect(!without["spec"].hasKey("autoscaling"))
        // ...until the object exists.
        let with = SchemaDefaulting.applied(to: json(#"{"spec": {"autoscaling": {}}}"#), schema: schema)
        #expect(with[path: ["spec", "autoscaling"]] == json(#"{"enabled": false, "targetUtilization": 0.8}"#))
        // No spec at all: nothing below the root is created (the root has no defaulted properties).
        #expect(SchemaDefaulting.applied(to: json(#"{"kind": "DifyModel"}"#), schema: schema) == json(#"{"kind": "DifyModel"}"#))
    }

    @Test func defaultedParentGetsChildDefaults() throws {
        let s = try StructuralSchema(
            json(
                #"""
                {"type": "object", "properties": {"spec": {"type": "object", "properties": {
                  "probe": {"type": "object", "default": {}, "properties": {
                    "period": {"type": "integer", "default": 10},
                    "handler": {"type": "object", "properties": {"port": {"type": "integer", "default": 8080}}}}}}}}}
                """#))
        #expect(
            SchemaDefaulting.applied(to: json(#"{"spec": {}}"#), schema: s) == json(#"{"spec": {"probe": {"period": 10}}}"#))
    }

    @Test func nullsOfNonNullableFieldsAreDefaulted() {
        let input = json(#"{"spec": {"replicas": null, "quantization": null, "autoscaling": {"enabled": null}}}"#)
        let out = SchemaDefaulting.applied(to: input, schema: schema)
        #expect(out[path: ["spec", "replicas"]] == 1)
        #expect(out[path: ["spec", "autoscaling", "enabled"]] == false)
        // nullable: the null stays.
        #expect(out["spec"].hasKey("quantization") && out[path: ["spec", "quantization"]] == .null)
    }

    @Test func defaultsInsideListsAndMaps() throws {
        let s = try StructuralSchema(
            json(
                #"""
                {"type": "object", "properties": {"spec": {"type": "object", "properties": {
                  "items": {"type": "array", "items": {"type": "object", "default": {"kind": "x"},
                            "properties": {"kind": {"type": "string"}, "weight": {"type": "integer", "default": 1}}}},
                  "byName": {"type": "object", "additionalProperties": {"type": "object",
                            "properties": {"weight": {"type": "integer", "default": 5}}}}}}}}
                """#))
        let input = json(#"{"spec": {"items": [{"kind": "a"}, null], "byName": {"a": {}, "b": {"weight": 2}, "c": null}}}"#)
        let expected = json(
            #"{"spec": {"items": [{"kind": "a", "weight": 1}, {"kind": "x", "weight": 1}], "byName": {"a": {"weight": 5}, "b": {"weight": 2}, "c": null}}}"#)
        #expect(SchemaDefaulting.applied(to: input, schema: s) == expected)
    }

    @Test func defaultingIsIdempotent() {
        let once = SchemaDefaulting.applied(to: DifyModelFixture.validObject, schema: schema)
        #expect(SchemaDefaulting.applied(to: once, schema: schema) == once)
        #expect(once == DifyModelFixture.validObject)
    }

    @Test func defaultsThatCarryUnknownFieldsArePruned() throws {
        let text = #"{"type": "object", "properties": {"spec": {"type": "object", "default": {"a": 1, "junk": true}, "properties": {"a": {"type": "integer"}}}}}"#
        // kube-apiserver rejects such a CRD...
        #expect(throws: StructuralSchemaError.self) { try StructuralSchema(json(text)) }
        do {
            _ = try StructuralSchema(json(text))
        } catch let error as StructuralSchemaError {
            #expect(error.errors.map(\.description) == [#"openAPIV3Schema.properties[spec].default: Invalid value: {"a":1,"junk":true}: must not have unknown fields"#])
        }
        // ...and when it serves a schema anyway, the default is pruned first.
        let lenient = try StructuralSchema(json(text), checkCRDRules: false)
        #expect(lenient.properties["spec"]?.defaultValue == ["a": 1])
        #expect(SchemaDefaulting.applied(to: [:], schema: lenient) == ["spec": ["a": 1]])
    }

    @Test func defaultsMustValidate() {
        let text = #"{"type": "object", "properties": {"spec": {"type": "object", "properties": {"n": {"type": "integer", "minimum": 0, "default": -1}}}}}"#
        do {
            _ = try StructuralSchema(json(text), fieldPath: "spec.versions[0].schema.openAPIV3Schema")
            Issue.record("expected an error")
        } catch let error as StructuralSchemaError {
            #expect(
                error.causes == [
                    // The default is validated from an empty path, hence Go's double space.
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: -1:  in body should be greater than or equal to 0",
                        field: "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[n].default")
                ])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func decodingPipelinePrunesThenDefaults() {
        var object = json(
            #"""
            {"apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel", "metadata": {"name": "m", "labels": {"a": "b"}},
             "spec": {"source": {"uri": "hf://a"}, "engine": {"type": "vLLM", "color": "red"},
                      "replicas": null, "labels": null, "quantization": null, "unknown": 1}}
            """#)
        let unknown = SchemaDecoding.apply(&object, schema: schema)
        #expect(unknown == ["spec.engine.color", "spec.unknown"])
        #expect(
            object == json(
                #"""
                {"apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel", "metadata": {"name": "m", "labels": {"a": "b"}},
                 "spec": {"source": {"uri": "hf://a", "revision": "main"}, "engine": {"type": "vLLM"},
                          "replicas": 1, "quantization": null, "resources": {"gpu": 1}}}
                """#))
        #expect(SchemaValidation.validateCustomResource(object, schema: schema) == [])
    }
}
