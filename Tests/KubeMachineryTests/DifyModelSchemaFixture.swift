import KubeCore
import KubeMachinery

/// A realistic CRD schema (`DifyModel`, group `dify.ai`, version `v1alpha1`) used by the schema
/// tests: pattern, enum, bounds, nested required fields, a map-list, a set, a map, a
/// preserve-unknown-fields subtree, nullable fields, int-or-string, an embedded resource, an
/// atomic map and CEL rules.
enum DifyModelFixture {
    static let schemaText = #"""
    {
      "type": "object",
      "description": "DifyModel is a model served by the operator.",
      "required": ["spec"],
      "properties": {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "metadata": {"type": "object"},
        "spec": {
          "type": "object",
          "description": "DifyModelSpec defines the desired state of a model.",
          "required": ["source", "engine"],
          "x-kubernetes-validations": [{"rule": "self.replicas <= 10 || !self.autoscaling.enabled", "message": "too many replicas"}],
          "properties": {
            "source": {
              "type": "object",
              "description": "Where the model weights come from.",
              "required": ["uri"],
              "properties": {
                "uri": {"type": "string", "description": "URI of the weights, e.g. hf://org/model.", "pattern": "^(hf|s3|oci)://[a-z0-9./_-]+$"},
                "revision": {"type": "string", "description": "Git revision or tag.", "default": "main", "maxLength": 40}
              }
            },
            "engine": {
              "type": "object",
              "description": "The inference engine.",
              "required": ["type"],
              "properties": {
                "type": {"type": "string", "description": "Engine kind.", "enum": ["vLLM", "Ollama"]},
                "args": {"type": "array", "maxItems": 3, "items": {"type": "string"}},
                "image": {"type": "string", "minLength": 3}
              }
            },
            "replicas": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 10, "default": 1},
            "resources": {
              "type": "object",
              "default": {"gpu": 1},
              "properties": {
                "gpu": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}], "pattern": "^[0-9]+$"},
                "memory": {"x-kubernetes-int-or-string": true}
              }
            },
            "ports": {
              "type": "array",
              "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["name"],
              "items": {
                "type": "object",
                "required": ["name", "port"],
                "properties": {
                  "name": {"type": "string"},
                  "port": {"type": "integer", "minimum": 1, "maximum": 65535},
                  "protocol": {"type": "string", "default": "TCP", "enum": ["TCP", "UDP"]}
                }
              }
            },
            "tags": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}},
            "labels": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 63}},
            "engineConfig": {"type": "object", "description": "Free-form engine settings.", "x-kubernetes-preserve-unknown-fields": true},
            "quantization": {"type": "string", "nullable": true, "description": "Quantization method, null for none."},
            "nodeSelector": {"type": "object", "nullable": true, "additionalProperties": {"type": "string"}},
            "autoscaling": {
              "type": "object",
              "properties": {
                "enabled": {"type": "boolean", "default": false},
                "targetUtilization": {"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1, "default": 0.8}
              }
            },
            "template": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true},
            "selector": {
              "type": "object",
              "x-kubernetes-map-type": "atomic",
              "properties": {"matchLabels": {"type": "object", "additionalProperties": {"type": "string"}}}
            }
          }
        },
        "status": {
          "type": "object",
          "properties": {
            "phase": {"type": "string", "enum": ["Pending", "Ready", "Failed"]},
            "conditions": {
              "type": "array",
              "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["type"],
              "items": {
                "type": "object",
                "required": ["type", "status"],
                "properties": {"type": {"type": "string"}, "status": {"type": "string"}, "message": {"type": "string"}}
              }
            }
          }
        }
      }
    }
    """#

    static var schemaJSON: JSONValue { try! JSONValue.parse(schemaText) }
    static var schema: StructuralSchema { try! StructuralSchema(schemaJSON) }

    /// A valid object (already defaulted where it matters).
    static var validObject: JSONValue {
        try! JSONValue.parse(
            #"""
            {
              "apiVersion": "dify.ai/v1alpha1",
              "kind": "DifyModel",
              "metadata": {"name": "llama", "namespace": "default"},
              "spec": {
                "source": {"uri": "hf://meta/llama-3", "revision": "main"},
                "engine": {"type": "vLLM", "args": ["--max-model-len", "4096"], "image": "vllm/vllm"},
                "replicas": 2,
                "resources": {"gpu": "1", "memory": 16},
                "ports": [{"name": "http", "port": 8000, "protocol": "TCP"}],
                "tags": ["a", "b"],
                "labels": {"team": "ml"},
                "engineConfig": {"anything": {"goes": [1, 2, 3]}},
                "quantization": null,
                "autoscaling": {"enabled": true, "targetUtilization": 0.5},
                "template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {}},
                "selector": {"matchLabels": {"app": "llama"}}
              }
            }
            """#)
    }

    static func json(_ text: String) -> JSONValue { try! JSONValue.parse(text) }

    /// `validObject` with `value` set at `path` (object keys only).
    static func valid(setting path: [String], to value: JSONValue) -> JSONValue {
        var o = validObject
        o[path: path] = value
        return o
    }

    /// `validObject` without the key at `path`.
    static func valid(removing path: [String]) -> JSONValue {
        var o = validObject
        var parent = o[path: Array(path.dropLast())]
        parent.removeValue(forKey: path.last!)
        o[path: Array(path.dropLast())] = parent
        return o
    }
}
