import KubeCore
import Testing

@testable import KubeMachinery

@Suite("Schema pruning")
struct SchemaPruningTests {
    let schema = DifyModelFixture.schema
    let json = DifyModelFixture.json

    @Test func unknownFieldsAreRemovedAndReported() {
        var object = json(
            #"""
            {"apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel",
             "metadata": {"name": "m", "somethingOdd": 1},
             "extra": {"x": 1},
             "spec": {"source": {"uri": "hf://a", "extra": true}, "engine": {"type": "vLLM"}, "foo": "bar",
                      "ports": [{"name": "http", "port": 80, "bogus": 1}, {"name": "b", "port": 81}],
                      "labels": {"any-key": "kept"},
                      "engineConfig": {"free": {"form": [1, {"deep": true}]}},
                      "template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": []}},
                      "selector": {"matchLabels": {"a": "b"}, "matchExpressions": []}},
             "status": {"phase": "Ready", "observed": 3}}
            """#)
        let unknown = SchemaPruning.prune(&object, schema: schema)
        #expect(
            unknown == [
                "extra", "spec.foo", "spec.ports[0].bogus", "spec.selector.matchExpressions", "spec.source.extra", "status.observed",
            ])
        #expect(
            object == json(
                #"""
                {"apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel",
                 "metadata": {"name": "m", "somethingOdd": 1},
                 "spec": {"source": {"uri": "hf://a"}, "engine": {"type": "vLLM"},
                          "ports": [{"name": "http", "port": 80}, {"name": "b", "port": 81}],
                          "labels": {"any-key": "kept"},
                          "engineConfig": {"free": {"form": [1, {"deep": true}]}},
                          "template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": []}},
                          "selector": {"matchLabels": {"a": "b"}}},
                 "status": {"phase": "Ready"}}
                """#))
    }

    @Test func validObjectIsUntouched() {
        var object = DifyModelFixture.validObject
        #expect(SchemaPruning.prune(&object, schema: schema) == [])
        #expect(object == DifyModelFixture.validObject)
    }

    @Test func preserveUnknownFieldsSwitchesBackBelowSpecifiedProperties() throws {
        let s = try StructuralSchema(
            json(
                #"""
                {"type": "object", "properties": {"spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                  "properties": {"known": {"type": "object", "properties": {"a": {"type": "string"}}},
                                 "list": {"type": "array", "items": {"type": "object", "properties": {"b": {"type": "string"}}}}}}}}
                """#))
        var object = json(#"{"spec": {"free": {"x": 1}, "known": {"a": "1", "z": 2}, "list": [{"b": "1", "c": 2}]}}"#)
        let unknown = SchemaPruning.prune(&object, schema: s)
        #expect(unknown == ["spec.known.z", "spec.list[0].c"])
        #expect(object == json(#"{"spec": {"free": {"x": 1}, "known": {"a": "1"}, "list": [{"b": "1"}]}}"#))
    }

    @Test func embeddedResourceKeepsTypeAndObjectMeta() throws {
        let s = try StructuralSchema(
            json(
                #"""
                {"type": "object", "properties": {"spec": {"type": "object", "properties": {
                  "job": {"type": "object", "x-kubernetes-embedded-resource": true,
                          "properties": {"spec": {"type": "object", "properties": {"parallelism": {"type": "integer"}}}}}}}}}
                """#))
        var object = json(
            #"{"spec": {"job": {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"parallelism": 1, "x": 1}, "status": {}}}}"#)
        #expect(SchemaPruning.prune(&object, schema: s) == ["spec.job.spec.x", "spec.job.status"])
        #expect(object == json(#"{"spec": {"job": {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"parallelism": 1}}}}"#))
    }

    @Test func metaFieldsAreOnlySpecialAtResourceRoots() throws {
        var object = json(#"{"spec": {"source": {"uri": "hf://a", "kind": "x", "metadata": {}}}}"#)
        #expect(SchemaPruning.prune(&object, schema: schema) == ["spec.source.kind", "spec.source.metadata"])
        var nested = json(#"{"kind": "x", "metadata": {}, "uri": "hf://a"}"#)
        let sourceSchema = schema.schema(at: ["spec", "source"])
        // kube-apiserver drops them but does not report meta field names at the top level.
        #expect(SchemaPruning.prune(&nested, schema: sourceSchema, isResourceRoot: false) == [])
        #expect(nested == json(#"{"uri": "hf://a"}"#))
    }

    @Test func noSchemaKeepsOnlyTypeMetaAndMetadata() {
        var object = json(#"{"apiVersion": "v1", "kind": "X", "metadata": {"name": "n"}, "spec": {"a": 1}, "data": [1]}"#)
        #expect(SchemaPruning.prune(&object, schema: nil) == ["data", "spec"])
        #expect(object == json(#"{"apiVersion": "v1", "kind": "X", "metadata": {"name": "n"}}"#))
    }

    @Test func additionalPropertiesTrueWithoutSchemaEmptiesObjectValues() throws {
        let s = try StructuralSchema(
            json(#"{"type": "object", "properties": {"m": {"type": "object", "additionalProperties": true}}}"#), checkCRDRules: false)
        var object = json(#"{"m": {"a": 1, "b": {"c": 2}}}"#)
        #expect(SchemaPruning.prune(&object, schema: s) == ["m.b.c"])
        #expect(object == json(#"{"m": {"a": 1, "b": {}}}"#))
    }

    @Test func nonNullableNullsWithoutDefaultsAreDropped() {
        var object = json(
            #"{"spec": {"labels": null, "quantization": null, "replicas": null, "engine": {"args": ["a", null]}, "engineConfig": {"x": null}, "nodeSelector": {"a": null}}}"#)
        SchemaPruning.pruneNonNullableNullsWithoutDefaults(&object, schema: schema)
        // labels: dropped; quantization: nullable; replicas: has a default; list items and
        // preserved fields untouched; a map value without default: dropped.
        #expect(
            object == json(
                #"{"spec": {"quantization": null, "replicas": null, "engine": {"args": ["a", null]}, "engineConfig": {"x": null}, "nodeSelector": {}}}"#))
    }

    @Test func fieldValidationMessages() {
        #expect(SchemaPruning.unknownFieldMessage("spec.foo") == #"unknown field "spec.foo""#)
        #expect(
            SchemaPruning.strictDecodingErrorMessage(["spec.a", "spec.b"])
                == #"strict decoding error: unknown field "spec.a", unknown field "spec.b""#)
    }
}
