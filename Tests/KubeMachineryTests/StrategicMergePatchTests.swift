import KubeCore
import Testing

@testable import KubeMachinery

private func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON \(text): \(error)") }
}

/// The patch metadata of upstream's `patch_test.go` test struct: `mergingList` merges by `name`,
/// `mergingIntList` is a merged primitive list, everything else is replaced.
private struct UpstreamTestSchema: SchemaInfo {
    func listSemantics(at path: SchemaPath) -> ListSemantics { .atomic }
    func isAtomicObject(at path: SchemaPath) -> Bool { false }
    func patchMergeKey(at path: SchemaPath) -> String? { path.last == "mergingList" ? "name" : nil }
    func isMergedPrimitiveList(at path: SchemaPath) -> Bool { path.last == "mergingIntList" }
}

private let deployment = json("""
    {"apiVersion":"apps/v1","kind":"Deployment",
     "metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"front"},"finalizers":["a.example.com/f1"]},
     "spec":{"replicas":2,
       "selector":{"matchLabels":{"app":"web"}},
       "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},
       "template":{"metadata":{"labels":{"app":"web"}},
         "spec":{
           "containers":[
             {"name":"app","image":"app:1","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]},
             {"name":"sidecar","image":"proxy:1"}],
           "tolerations":[{"key":"k1","operator":"Exists"}],
           "volumes":[{"name":"data","emptyDir":{}}]}}}}
    """)

/// `deployment` with the value at `path` (object keys) replaced.
private func deploymentWith(_ path: [String], _ value: JSONValue) -> JSONValue {
    var d = deployment
    d[path: path] = value
    return d
}

private let podSpecPath = ["spec", "template", "spec"]
private let containersPath = podSpecPath + ["containers"]

struct StrategicMergePatchTests {
    static let deploymentSchema = BuiltinSchemas.schema(group: "apps", kind: "Deployment")

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let patch: String
        let expected: JSONValue
        var testDescription: String { name }
    }

    static let deploymentCases: [Case] = [
        .init(name: "change one container's image by name",
              patch: #"{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}"#,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"app","image":"app:2","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]},
                   {"name":"sidecar","image":"proxy:1"}]
                  """))),
        // A new element precedes the original's untouched ones, as on a real cluster.
        .init(name: "add an env var",
              patch: #"{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"2"}]}]}}}}"#,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"app","image":"app:1","env":[{"name":"B","value":"2"},{"name":"A","value":"1"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]},
                   {"name":"sidecar","image":"proxy:1"}]
                  """))),
        .init(name: "change an env var in place",
              patch: #"{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"A","value":"9"}]}]}}}}"#,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"app","image":"app:1","env":[{"name":"A","value":"9"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]},
                   {"name":"sidecar","image":"proxy:1"}]
                  """))),
        .init(name: "add a container",
              patch: #"{"spec":{"template":{"spec":{"containers":[{"name":"new","image":"n:1"}]}}}}"#,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"new","image":"n:1"},
                   {"name":"app","image":"app:1","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]},
                   {"name":"sidecar","image":"proxy:1"}]
                  """))),
        .init(name: "add a container port, merged by containerPort",
              patch: #"{"spec":{"template":{"spec":{"containers":[{"name":"app","ports":[{"containerPort":9090,"name":"metrics"}]}]}}}}"#,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"app","image":"app:1","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":9090,"name":"metrics"},{"containerPort":8080,"protocol":"TCP"}]},
                   {"name":"sidecar","image":"proxy:1"}]
                  """))),
        .init(name: "delete a container with $patch: delete",
              patch: #"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}"#,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"app","image":"app:1","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]}]
                  """))),
        .init(name: "replace the container list with $patch: replace",
              patch: #"{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"o:1"}]}}}}"#,
              expected: deploymentWith(containersPath, json(#"[{"name":"only","image":"o:1"}]"#))),
        .init(name: "merge finalizers as a set",
              patch: #"{"metadata":{"finalizers":["a.example.com/f1","b.example.com/f2"]}}"#,
              expected: deploymentWith(["metadata", "finalizers"], json(#"["a.example.com/f1","b.example.com/f2"]"#))),
        .init(name: "a new finalizer precedes the existing ones",
              patch: #"{"metadata":{"finalizers":["b.example.com/f2"]}}"#,
              expected: deploymentWith(["metadata", "finalizers"], json(#"["b.example.com/f2","a.example.com/f1"]"#))),
        .init(name: "$deleteFromPrimitiveList removes a finalizer",
              patch: #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["a.example.com/f1"]}}"#,
              expected: deploymentWith(["metadata", "finalizers"], json("[]"))),
        .init(name: "tolerations are replaced whole",
              patch: #"{"spec":{"template":{"spec":{"tolerations":[{"key":"k2","operator":"Exists"}]}}}}"#,
              expected: deploymentWith(podSpecPath + ["tolerations"], json(#"[{"key":"k2","operator":"Exists"}]"#))),
        .init(name: "$setElementOrder reorders containers",
              patch: #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}]}}}}"#,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"sidecar","image":"proxy:1"},
                   {"name":"app","image":"app:1","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]}]
                  """))),
        .init(name: "$setElementOrder places an added container (kubectl apply)",
              patch: """
                  {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"},{"name":"new"}],
                   "containers":[{"name":"new","image":"n:1"}]}}}}
                  """,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"app","image":"app:1","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]},
                   {"name":"sidecar","image":"proxy:1"},
                   {"name":"new","image":"n:1"}]
                  """))),
        .init(name: "$retainKeys switches the rollout strategy",
              patch: #"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#,
              expected: deploymentWith(["spec", "strategy"], json(#"{"type":"Recreate"}"#))),
        .init(name: "$patch: replace on an object",
              patch: #"{"spec":{"strategy":{"$patch":"replace","type":"Recreate"}}}"#,
              expected: deploymentWith(["spec", "strategy"], json(#"{"type":"Recreate"}"#))),
        .init(name: "$patch: delete on an object leaves it empty",
              patch: #"{"spec":{"strategy":{"$patch":"delete"}}}"#,
              expected: deploymentWith(["spec", "strategy"], json("{}"))),
        .init(name: "null deletes fields",
              patch: #"{"metadata":{"labels":{"tier":null}},"spec":{"replicas":null}}"#,
              expected: {
                  var d = deploymentWith(["metadata", "labels"], json(#"{"app":"web"}"#))
                  d[path: ["spec"]].removeValue(forKey: "replicas")
                  return d
              }()),
        .init(name: "scalars and maps merge like a merge patch",
              patch: #"{"metadata":{"labels":{"new":"x"},"annotations":{"a":"b"}},"spec":{"replicas":5}}"#,
              expected: {
                  var d = deploymentWith(["metadata", "labels", "new"], "x")
                  d[path: ["metadata", "annotations"]] = json(#"{"a":"b"}"#)
                  d[path: ["spec", "replicas"]] = 5
                  return d
              }()),
        .init(name: "volumes merge by name",
              patch: #"{"spec":{"template":{"spec":{"volumes":[{"name":"data","emptyDir":{"medium":"Memory"}}]}}}}"#,
              expected: deploymentWith(podSpecPath + ["volumes"], json(#"[{"name":"data","emptyDir":{"medium":"Memory"}}]"#))),
        .init(name: "directive keys and nulls never reach the result",
              patch: #"{"spec":{"template":{"spec":{"containers":[{"name":"new","image":"n:1","args":null,"$retainKeys":["name","image"]}]}}}}"#,
              expected: deploymentWith(containersPath, json("""
                  [{"name":"new","image":"n:1"},
                   {"name":"app","image":"app:1","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":8080,"protocol":"TCP"}]},
                   {"name":"sidecar","image":"proxy:1"}]
                  """))),
        .init(name: "null patch changes nothing", patch: "null", expected: deployment),
        .init(name: "empty patch changes nothing", patch: "{}", expected: deployment),
    ]

    @Test(arguments: deploymentCases)
    func patchesDeployment(_ c: Case) throws {
        let result = try StrategicMergePatch.apply(json(c.patch), to: deployment, schema: Self.deploymentSchema)
        #expect(result == c.expected)
    }

    @Test func mergesServicePortsByPort() throws {
        let service = json("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},
             "spec":{"selector":{"app":"web"},"ports":[
               {"name":"http","port":80,"targetPort":8080,"protocol":"TCP"},
               {"name":"https","port":443,"targetPort":8443,"protocol":"TCP"}]}}
            """)
        let patch = json(#"{"spec":{"ports":[{"port":443,"targetPort":9443}]}}"#)
        let result = try StrategicMergePatch.apply(patch, to: service, schema: BuiltinSchemas.schema(group: "", kind: "Service"))
        #expect(result == json("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},
             "spec":{"selector":{"app":"web"},"ports":[
               {"name":"http","port":80,"targetPort":8080,"protocol":"TCP"},
               {"name":"https","port":443,"targetPort":9443,"protocol":"TCP"}]}}
            """))
    }

    @Test func patchesPodStatusConditionsByType() throws {
        let pod = json("""
            {"metadata":{"name":"p"},"status":{"phase":"Running","conditions":[
              {"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]}}
            """)
        let patch = json(#"{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"#)
        let result = try StrategicMergePatch.apply(patch, to: pod, schema: BuiltinSchemas.schema(group: "", kind: "Pod"))
        #expect(result == json("""
            {"metadata":{"name":"p"},"status":{"phase":"Running","conditions":[
              {"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]}}
            """))
    }

    struct UpstreamCase: CustomTestStringConvertible, Sendable {
        let name: String
        let original: String
        let patch: String
        let result: String
        var testDescription: String { name }
    }

    /// Cases from `k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go` (YAML turned into JSON).
    static let upstreamCases: [UpstreamCase] = [
        .init(name: "unique scalars when merging lists",
              original: #"{"mergingIntList":[1,2]}"#, patch: #"{"mergingIntList":[2,3]}"#, result: #"{"mergingIntList":[1,2,3]}"#),
        .init(name: "delete map from nested map",
              original: #"{"simpleMap":{"key1":1,"key2":1}}"#, patch: #"{"simpleMap":{"$patch":"delete"}}"#, result: #"{"simpleMap":{}}"#),
        .init(name: "delete all items from merging list",
              original: #"{"mergingList":[{"name":1},{"name":2}]}"#, patch: #"{"mergingList":[{"$patch":"replace"}]}"#,
              result: #"{"mergingList":[]}"#),
        .init(name: "merge empty merging lists",
              original: #"{"mergingList":[]}"#, patch: #"{"mergingList":[]}"#, result: #"{"mergingList":[]}"#),
        .init(name: "delete all keys from map",
              original: #"{"name":1,"value":1}"#, patch: #"{"$patch":"replace"}"#, result: "{}"),
        .init(name: "add key and delete all keys from map",
              original: #"{"name":1,"value":1}"#, patch: #"{"other":"a","$patch":"replace"}"#, result: #"{"other":"a"}"#),
        .init(name: "delete all duplicate entries in a merging list",
              original: #"{"mergingList":[{"name":1},{"name":1},{"name":2,"value":"a"},{"name":3},{"name":3}]}"#,
              patch: #"{"mergingList":[{"name":1,"$patch":"delete"},{"name":3,"$patch":"delete"}]}"#,
              result: #"{"mergingList":[{"name":2,"value":"a"}]}"#),
        .init(name: "preserve the order from the patch in a merging list",
              original: #"{"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]}"#,
              patch: #"{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"other":"x"}]}"#,
              result: #"{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"value":"b","other":"x"}]}"#),
        .init(name: "preserve the order from the patch in a merging list 2",
              original: #"{"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]}"#,
              patch: #"{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"}]}"#,
              result: #"{"mergingList":[{"name":2,"value":"b"},{"name":3,"value":"c"},{"name":1,"value":"a"}]}"#),
        .init(name: "preserve the order from the patch in a merging int list",
              original: #"{"mergingIntList":[1,2,3]}"#, patch: #"{"mergingIntList":[3,1]}"#, result: #"{"mergingIntList":[2,3,1]}"#),
        .init(name: "add an item in a list and preserve order",
              original: #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"}]}"#,
              patch: #"{"$setElementOrder/mergingList":[{"name":3},{"name":1},{"name":2}],"mergingList":[{"name":3,"value":3}]}"#,
              result: #"{"mergingList":[{"name":3,"value":3},{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"}]}"#),
        .init(name: "add multiple items in a list and preserve order",
              original: #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"}]}"#,
              patch: #"{"$setElementOrder/mergingList":[{"name":1},{"name":4},{"name":2},{"name":3}],"mergingList":[{"name":4,"value":4},{"name":3,"value":3}]}"#,
              result: #"{"mergingList":[{"name":1,"other":"a"},{"name":4,"value":4},{"name":2,"value":2,"other":"b"},{"name":3,"value":3}]}"#),
        .init(name: "set elements order in a list with server-only items",
              original: #"{"mergingList":[{"name":1,"other":"a"},{"name":3,"value":3},{"name":4,"value":4},{"name":2,"value":2},{"name":9}]}"#,
              patch: #"{"$setElementOrder/mergingList":[{"name":4},{"name":2},{"name":3},{"name":1}]}"#,
              result: #"{"mergingList":[{"name":4,"value":4},{"name":2,"value":2},{"name":3,"value":3},{"name":1,"other":"a"},{"name":9}]}"#),
        .init(name: "set elements order in a list with server-only items 2",
              original: #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2},{"name":9},{"name":3,"value":3},{"name":4,"value":4}]}"#,
              patch: #"{"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3}]}"#,
              result: #"{"mergingList":[{"name":2,"value":2},{"name":1,"other":"a"},{"name":9},{"name":4,"value":4},{"name":3,"value":3}]}"#),
        .init(name: "set elements order in a list with server-only items 3",
              original: #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2},{"name":7},{"name":9},{"name":8},{"name":3,"value":3},{"name":4,"value":4}]}"#,
              patch: #"{"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3}]}"#,
              result: #"{"mergingList":[{"name":2,"value":2},{"name":1,"other":"a"},{"name":7},{"name":9},{"name":8},{"name":4,"value":4},{"name":3,"value":3}]}"#),
        .init(name: "add an item in a list of primitives and preserve order",
              original: #"{"mergingIntList":[1,4,2]}"#,
              patch: #"{"$setElementOrder/mergingIntList":[3,1,2],"mergingIntList":[3]}"#,
              result: #"{"mergingIntList":[3,1,4,2]}"#),
        .init(name: "delete an item in a list of primitives and preserve order",
              original: #"{"mergingIntList":[1,2,3]}"#,
              patch: #"{"$setElementOrder/mergingIntList":[2,1],"$deleteFromPrimitiveList/mergingIntList":[3]}"#,
              result: #"{"mergingIntList":[2,1]}"#),
        .init(name: "nested patch merge with empty list",
              original: #"{"name":"hi","mergingList":[{"name":"hello2"}]}"#,
              patch: #"{"$setElementOrder/mergingList":[{"name":"hello"},{"name":"doesntexist"}],"mergingList":[{"name":"hello"}]}"#,
              result: #"{"name":"hi","mergingList":[{"name":"hello"},{"name":"hello2"}]}"#),
        .init(name: "$deleteFromPrimitiveList of nonexistent item",
              original: #"{"mergingIntList":[1,2]}"#, patch: #"{"$deleteFromPrimitiveList/mergingIntList":[3]}"#,
              result: #"{"mergingIntList":[1,2]}"#),
        .init(name: "$deleteFromPrimitiveList on nonexistent primitive list",
              original: #"{"foo":["bar"]}"#, patch: #"{"$deleteFromPrimitiveList/mergingIntList":[3]}"#, result: #"{"foo":["bar"]}"#),
        .init(name: "$deleteFromPrimitiveList on a list without merge strategy",
              original: #"{"nonMergingIntList":[1,2,3]}"#, patch: #"{"$deleteFromPrimitiveList/nonMergingIntList":[2]}"#,
              result: #"{"nonMergingIntList":[1,3]}"#),
        .init(name: "replace non merging list nested in merging list",
              original: #"{"mergingList":[{"name":1,"nonMergingList":[{"name":1},{"name":2,"value":2}]},{"name":2}]}"#,
              patch: #"{"mergingList":[{"name":1,"nonMergingList":[{"name":1,"value":1}]}]}"#,
              result: #"{"mergingList":[{"name":1,"nonMergingList":[{"name":1,"value":1}]},{"name":2}]}"#),
        .init(name: "object with $patch and no counterpart is dropped (upstream removeDirectives)",
              original: "{}", patch: #"{"simpleMap":{"$patch":"replace","a":"b"}}"#, result: "{}"),
    ]

    @Test(arguments: upstreamCases)
    func matchesUpstream(_ c: UpstreamCase) throws {
        let result = try StrategicMergePatch.apply(json(c.patch), to: json(c.original), schema: UpstreamTestSchema())
        #expect(result == json(c.result))
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let name: String
        let original: String
        let patch: String
        let kind: PatchError.Kind
        let message: String
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        .init(name: "missing merge key", original: #"{"mergingList":[{"name":1,"value":"a"}]}"#,
              patch: #"{"mergingList":[{"value":"b"}]}"#, kind: .internalError,
              message: "map: map[value:b] does not contain declared merge key: name"),
        .init(name: "$setElementOrder contradicting the patch list",
              original: #"{"mergingList":[{"name":1},{"name":3},{"name":2}]}"#,
              patch: #"{"$setElementOrder/mergingList":[{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":3,"value":3},{"name":1,"value":1}]}"#,
              kind: .internalError,
              message: "The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n"),
        .init(name: "$patch: merge on an object", original: #"{"simpleMap":{"a":1}}"#,
              patch: #"{"simpleMap":{"$patch":"merge","b":2}}"#, kind: .internalError,
              message: "unknown patch type: merge in map: map[$patch:merge b:2]"),
        .init(name: "$patch: merge in a list", original: #"{"mergingList":[{"name":1}]}"#,
              patch: #"{"mergingList":[{"$patch":"merge"}]}"#, kind: .internalError,
              message: "merging lists cannot yet be specified in the patch"),
        .init(name: "$retainKeys not covering the patch", original: #"{"a":1,"b":2}"#,
              patch: #"{"$retainKeys":["a"],"b":3}"#, kind: .malformedPatch, message: "invalid patch format of retainKeys"),
        .init(name: "$retainKeys not a list", original: #"{"a":1}"#,
              patch: #"{"$retainKeys":"a"}"#, kind: .malformedPatch, message: "invalid patch format of retainKeys"),
        .init(name: "bad $deleteFromPrimitiveList key", original: #"{"a":[1]}"#,
              patch: #"{"$deleteFromPrimitiveList":[1]}"#, kind: .malformedPatch, message: "invalid patch format of primitive list"),
        .init(name: "lists of lists", original: #"{"mergingIntList":[[1]]}"#,
              patch: #"{"mergingIntList":[[2]]}"#, kind: .invalidPatchContent, message: "lists of lists are not supported"),
        .init(name: "patch must be an object", original: "{}", patch: "[]", kind: .malformedPatch,
              message: "json: cannot unmarshal array into Go value of type map[string]interface {}"),
    ]

    @Test(arguments: errorCases)
    func rejects(_ c: ErrorCase) {
        let error = #expect(throws: PatchError.self) {
            try StrategicMergePatch.apply(json(c.patch), to: json(c.original), schema: UpstreamTestSchema())
        }
        #expect(error?.kind == c.kind)
        #expect(error?.message == c.message)
    }

    @Test func errorStatuses() {
        #expect(StrategicMergePatch.badRetainKeysFormat.httpStatus == 400)
        #expect(StrategicMergePatch.listOfLists.httpStatus == 422)
        #expect(StrategicMergePatch.listOfLists.statusMessage == PatchError.genericInvalidMessage)
        #expect(StrategicMergePatch.internalError("x").httpStatus == 500)
        #expect(StrategicMergePatch.internalError("x").statusMessage == "x")
    }
}
