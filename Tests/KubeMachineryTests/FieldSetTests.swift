import KubeCore
import Testing

@testable import KubeMachinery

private func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON \(text): \(error)") }
}

/// List and map types of the built-in kinds the server-side apply tests use, as the OpenAPI
/// `x-kubernetes-list-type` / `x-kubernetes-map-type` markers give them.
struct SSATestSchema: SchemaInfo {
    static let lists: [SchemaPath: ListSemantics] = [
        ["metadata", "finalizers"]: .set,
        ["metadata", "ownerReferences"]: .map(keys: ["uid"]),
        ["spec", "template", "spec", "containers"]: .map(keys: ["name"]),
        ["spec", "template", "spec", "containers", "[]", "ports"]: .map(keys: ["containerPort", "protocol"]),
        ["spec", "template", "spec", "containers", "[]", "env"]: .map(keys: ["name"]),
        ["spec", "containers"]: .map(keys: ["name"]),
        ["status", "conditions"]: .map(keys: ["type"]),
        // The structured-merge-diff fixture schema.
        ["listOfLists"]: .map(keys: ["name"]),
        ["listOfLists", "[]", "value"]: .set,
        ["list"]: .set,
        ["assoc"]: .map(keys: ["name"]),
    ]

    func listSemantics(at path: SchemaPath) -> ListSemantics { Self.lists[path] ?? .atomic }
    func isAtomicObject(at path: SchemaPath) -> Bool { path == ["spec", "selector"] }
    func patchMergeKey(at path: SchemaPath) -> String? { nil }
    func isMergedPrimitiveList(at path: SchemaPath) -> Bool { false }
}

struct FieldSetTests {
    static let schema = SSATestSchema()

    /// A Deployment's ownership as a real cluster writes it: kubectl's apply, the controller's
    /// status and an HPA-like controller's replicas.
    static let deploymentFieldsV1 = #"""
        {"f:metadata":{"f:annotations":{".":{},"f:deployment.kubernetes.io/revision":{}},"f:labels":{".":{},"f:app":{}}},
         "f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},
          "f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},
          "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
           "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},
             "f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},
             "f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},
            "f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}},
         "f:status":{"f:conditions":{".":{},"k:{\"type\":\"Available\"}":{".":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}}}}
        """#

    @Test func fieldsV1RoundTripsARealisticDeployment() throws {
        let document = json(Self.deploymentFieldsV1)
        let set = try FieldSet(fieldsV1: document)
        #expect(set.fieldsV1 == document)
        #expect(String(decoding: set.fieldsV1.serialized(), as: UTF8.self) == String(decoding: document.serialized(), as: UTF8.self))

        let containers = FieldPath([.field("spec"), .field("template"), .field("spec"), .field("containers")])
        let nginx = containers.appending(.key(["name": "nginx"]))
        #expect(set.contains(nginx))
        #expect(set.contains(nginx.appending(.field("image"))))
        #expect(set.contains(nginx.appending(.field("ports"))))  // "." beside the children
        #expect(set.contains(FieldPath(fields: "metadata", "labels")))
        #expect(!set.contains(FieldPath(fields: "metadata")))  // no "." : not owned itself
        #expect(!set.contains(containers))
        #expect(set.contains(FieldPath([.field("status"), .field("conditions"), .key(["type": "Available"]), .field("status")])))
        #expect(set.count == 35)
        #expect(set.paths.count == 35)
        #expect(set.paths.first?.description == ".metadata.annotations")
        #expect(set.paths.contains { $0.description == #".spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].protocol"# })
    }

    @Test func fromAppliedDeploymentMatchesKubectlServerSideApply() {
        let config = json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
              "template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"web","image":"nginx:1.25","args":["-g","daemon off;"],
                 "ports":[{"containerPort":80}],"env":[{"name":"MODE","value":"prod"}]}]}}}}
            """#)
        let expected = json(#"""
            {"f:metadata":{"f:labels":{"f:app":{}}},
             "f:spec":{"f:replicas":{},"f:selector":{},
              "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
               "f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:args":{},
                 "f:env":{"k:{\"name\":\"MODE\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},
                 "f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}
            """#)
        #expect(FieldSet.from(config, schema: Self.schema).fieldsV1 == expected)
    }

    @Test func fromTracksSetsNullsAndEmptyObjects() {
        let object = json(#"""
            {"metadata":{"name":"x","uid":"u","resourceVersion":"1","generation":2,"creationTimestamp":"t",
              "managedFields":[],"finalizers":["a.io/f","b.io/f"],"generateName":"x-"},
             "spec":{"empty":{},"nothing":null,"list":[]}}
            """#)
        let expected = json(#"""
            {"f:metadata":{"f:finalizers":{"v:\"a.io/f\"":{},"v:\"b.io/f\"":{}},"f:generateName":{}},
             "f:spec":{"f:empty":{},"f:list":{},"f:nothing":{}}}
            """#)
        #expect(FieldSet.from(object, schema: Self.schema).fieldsV1 == expected)
    }

    struct ElementCase: Sendable, CustomTestStringConvertible {
        let element: FieldPathElement
        let serialized: String
        let printed: String
        var testDescription: String { serialized }
    }

    static let elements: [ElementCase] = [
        .init(element: .field("spec"), serialized: "f:spec", printed: ".spec"),
        .init(element: .field("deployment.kubernetes.io/revision"), serialized: "f:deployment.kubernetes.io/revision",
              printed: ".deployment.kubernetes.io/revision"),
        .init(element: .key(["name": "app"]), serialized: #"k:{"name":"app"}"#, printed: #"[name="app"]"#),
        .init(element: .key(["protocol": "TCP", "containerPort": 80]), serialized: #"k:{"containerPort":80,"protocol":"TCP"}"#,
              printed: #"[containerPort=80,protocol="TCP"]"#),
        .init(element: .value("example.com/finalizer"), serialized: #"v:"example.com/finalizer""#, printed: #"[="example.com/finalizer"]"#),
        .init(element: .value("a<b&c>"), serialized: #"v:"a\u003cb\u0026c\u003e""#, printed: #"[="a<b&c>"]"#),
        .init(element: .value(42), serialized: "v:42", printed: "[=42]"),
        .init(element: .value(1.5), serialized: "v:1.5", printed: "[=1.5]"),
        .init(element: .index(3), serialized: "i:3", printed: "[3]"),
    ]

    @Test(arguments: elements)
    func pathElementSerialisation(_ c: ElementCase) throws {
        #expect(c.element.serialized == c.serialized)
        #expect(c.element.description == c.printed)
        #expect(try FieldPathElement(serialized: c.serialized) == c.element)
    }

    @Test func unknownElementTypesAreDroppedAndMalformedOnesRejected() throws {
        let set = try FieldSet(fieldsV1: json(#"{"f:a":{},"x:future":{},"f:b":{"z:other":{}}}"#))
        #expect(set.fieldsV1 == json(#"{"f:a":{},"f:b":{}}"#))
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1: json(#"{"k:notjson":{}}"#)) }
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1: json(#"{"f":{}}"#)) }
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1: json(#"{"f:a":1}"#)) }
        #expect(try FieldSet(fieldsV1: json("{}")).isEmpty)
    }

    @Test func conflictPathsPrintLikeKubeApiserver() {
        let path = FieldPath([.field("spec"), .field("template"), .field("spec"), .field("containers"), .key(["name": "web"]), .field("image")])
        #expect(path.description == #".spec.template.spec.containers[name="web"].image"#)
        #expect(FieldPath([.field("metadata"), .field("finalizers"), .value("x\ny")]).description == #".metadata.finalizers[="x\ny"]"#)
    }

    struct SetCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lhs: String
        let rhs: String
        let union: String
        let intersection: String
        let difference: String
        let recursiveDifference: String
        var testDescription: String { name }
    }

    static let setCases: [SetCase] = [
        .init(name: "disjoint leaves", lhs: #"{"f:a":{}}"#, rhs: #"{"f:b":{}}"#,
              union: #"{"f:a":{},"f:b":{}}"#, intersection: "{}", difference: #"{"f:a":{}}"#, recursiveDifference: #"{"f:a":{}}"#),
        .init(name: "parent minus child keeps the parent", lhs: #"{"f:a":{".":{},"f:b":{}}}"#, rhs: #"{"f:a":{"f:b":{}}}"#,
              union: #"{"f:a":{".":{},"f:b":{}}}"#, intersection: #"{"f:a":{"f:b":{}}}"#, difference: #"{"f:a":{}}"#,
              recursiveDifference: #"{"f:a":{}}"#),
        .init(name: "child minus parent", lhs: #"{"f:a":{"f:b":{},"f:c":{}}}"#, rhs: #"{"f:a":{}}"#,
              union: #"{"f:a":{".":{},"f:b":{},"f:c":{}}}"#, intersection: "{}", difference: #"{"f:a":{"f:b":{},"f:c":{}}}"#,
              recursiveDifference: "{}"),
    ]

    @Test(arguments: setCases)
    func setOperations(_ c: SetCase) throws {
        let lhs = try FieldSet(fieldsV1: json(c.lhs)), rhs = try FieldSet(fieldsV1: json(c.rhs))
        #expect(lhs.union(rhs).fieldsV1 == json(c.union))
        #expect(lhs.intersection(rhs).fieldsV1 == json(c.intersection))
        #expect(lhs.subtracting(rhs).fieldsV1 == json(c.difference))
        #expect(lhs.recursivelySubtracting(rhs).fieldsV1 == json(c.recursiveDifference))
    }

    @Test(arguments: [
        ("kubectl-client-side-apply/v1.31.0 (linux/amd64) kubernetes/6911225", "kubectl-client-side-apply"),
        ("kubectl-edit/v1.31.0 (darwin/arm64) kubernetes/6911225", "kubectl-edit"),
        ("kube-controller-manager/v1.31.0 (linux/amd64) kubernetes/6911225/system:serviceaccount:kube-system:deployment-controller",
         "kube-controller-manager"),
        ("OpenAPI-Generator/31.0.0/python", "OpenAPI-Generator"),
        ("odd\u{7}agent", "oddagent"),
        ("", ""),
    ])
    func managerNameFromUserAgent(_ userAgent: String, _ expected: String) {
        #expect(ManagedFields.managerName(fieldManager: nil, userAgent: userAgent) == expected)
        #expect(ManagedFields.managerName(fieldManager: "explicit", userAgent: userAgent) == "explicit")
    }

    @Test func managerNamesAreCutTo128Bytes() {
        let long = String(repeating: "é", count: 100)  // 200 bytes
        #expect(ManagedFields.managerName(fieldManager: nil, userAgent: long).utf8.count == 128)
    }

    @Test func entriesDecodeWithKubeApiserverChecksAndSortInItsOrder() throws {
        let object = json(#"""
            {"metadata":{"managedFields":[
              {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","time":"2024-05-01T10:00:05Z",
               "fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:replicas":{}}},"subresource":"status"},
              {"manager":"b","operation":"Update","apiVersion":"apps/v1","time":"2024-05-01T10:00:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:paused":{}}}},
              {"manager":"a","operation":"Update","apiVersion":"apps/v1","time":"2024-05-01T10:00:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:paused":{}}}},
              {"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2024-05-01T11:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}
            ]}}
            """#)
        let entries = try ManagedFields.entries(of: object)
        #expect(entries.count == 4)
        #expect(entries[0].subresource == "status")
        #expect(ManagedFields.sorted(entries).map(\.manager) == ["kubectl", "a", "b", "kube-controller-manager"])
        let rewritten = ManagedFields.setting(entries, on: object)
        #expect(rewritten["metadata"]["managedFields"][0]["manager"] == "kubectl")
        #expect(rewritten["metadata"]["managedFields"][3] == object["metadata"]["managedFields"][0])
        #expect(ManagedFields.setting([], on: object) == json(#"{"metadata":{}}"#))

        for bad in [
            #"{"manager":"m","operation":"Patch","apiVersion":"v1","fieldsType":"FieldsV1"}"#,
            #"{"manager":"m","operation":"Update","fieldsType":"FieldsV1"}"#,
            #"{"manager":"m","operation":"Update","apiVersion":"v1"}"#,
            #"{"manager":"m","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV2"}"#,
        ] {
            #expect(throws: FieldsV1Error.self) { try ManagedFieldsEntry(json: json(bad)) }
        }
    }
}
