import KubeCore
import Testing

@testable import KubeMachinery

private func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON \(text): \(error)") }
}

private let t1 = "2024-05-01T10:00:01Z"
private let t2 = "2024-05-01T10:00:02Z"
private let t3 = "2024-05-01T10:00:03Z"
private let t4 = "2024-05-01T10:00:04Z"
private let schema = SSATestSchema()

private func apply(
    _ live: JSONValue?, _ config: String, manager: String, force: Bool = false, now: String = t1, subresource: String? = nil
) throws(ApplyError) -> ApplyResult {
    try FieldManager.apply(live: live, applied: json(config), manager: manager, force: force, schema: schema, now: now, subresource: subresource)
}

private func update(_ old: JSONValue?, _ new: JSONValue, manager: String, now: String = t1, subresource: String? = nil) -> JSONValue {
    FieldManager.update(old: old, new: new, manager: manager, schema: schema, now: now, subresource: subresource)
}

/// The managedFields of an object as `manager/operation[/subresource] → fieldsV1`, plus times.
private func ownership(_ object: JSONValue) -> [String: JSONValue] {
    var out: [String: JSONValue] = [:]
    for entry in (try? ManagedFields.entries(of: object)) ?? [] {
        let key = [entry.manager, entry.operation.rawValue, entry.subresource].compactMap { $0 }.joined(separator: "/")
        out[key] = entry.fields.fieldsV1
    }
    return out
}

private func apiError(_ body: () throws -> Void) -> ApplyError? {
    do {
        try body()
        return nil
    } catch let error as ApplyError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

private let deployment = #"""
    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
     "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}
    """#

struct ServerSideApplyTests {
    // MARK: - Create, no-op, change

    @Test func applyCreatesTheObject() throws {
        let result = try apply(nil, deployment, manager: "kubectl")
        #expect(result.changed)
        #expect(result.object == json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","managedFields":[
               {"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2024-05-01T10:00:01Z","fieldsType":"FieldsV1",
                "fieldsV1":{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}]},
             "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}
            """#))
    }

    @Test func reApplyingTheSameConfigurationChangesNothing() throws {
        let live = try apply(nil, deployment, manager: "kubectl", now: t1).object
        let again = try apply(live, deployment, manager: "kubectl", now: t2)
        #expect(!again.changed)
        #expect(again.object == live)  // the entry keeps t1: no resourceVersion bump needed

        let changed = try apply(live, deployment.replacingOccurrences(of: "nginx:1.25", with: "nginx:1.26"), manager: "kubectl", now: t3)
        #expect(changed.changed)
        #expect(changed.object["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.26")
        #expect(changed.object["metadata"]["managedFields"][0]["time"] == .string(t3))
        #expect(ownership(changed.object) == ownership(live))
    }

    // MARK: - Shared ownership and conflicts

    @Test func twoManagersApplyingTheSameValueShareTheField() throws {
        let live = try apply(nil, deployment, manager: "kubectl").object
        let shared = try apply(
            live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}"#,
            manager: "autoscaler", now: t2)
        // The object is the same but its ownership is not: stored, without a time for the newcomer
        // (kube-apiserver only stamps the time when the apply changed the object).
        #expect(shared.changed)
        #expect(ManagedFields.removing(from: shared.object) == ManagedFields.removing(from: live))
        #expect(shared.object["metadata"]["managedFields"] == json(#"""
            [{"manager":"autoscaler","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}},
             {"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2024-05-01T10:00:01Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}]
            """#))
    }

    /// An object made by `kubectl create`/client-side apply: an `Update` entry.
    private func clientSideCreated() -> JSONValue {
        update(nil, json(deployment), manager: "kubectl-client-side-apply", now: t1)
    }

    @Test func conflictWithoutForceListsEveryField() throws {
        let live = clientSideCreated()
        let config = deployment.replacingOccurrences(of: "\"replicas\":3", with: "\"replicas\":5")
            .replacingOccurrences(of: "nginx:1.25", with: "nginx:1.26")
        let error = try #require(apiError { _ = try apply(live, config, manager: "deployer", now: t2) })
        #expect(error.status.code == 409)
        #expect(error.status.reason == "Conflict")
        #expect(error.status.status == "Failure")
        #expect(error.status.message == """
            Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:
            - .spec.replicas
            - .spec.template.spec.containers[name="web"].image
            """)
        #expect(error.status.details?.causes == [
            StatusCause(reason: "FieldManagerConflict", message: #"conflict with "kubectl-client-side-apply" using apps/v1"#, field: ".spec.replicas"),
            StatusCause(reason: "FieldManagerConflict", message: #"conflict with "kubectl-client-side-apply" using apps/v1"#,
                        field: #".spec.template.spec.containers[name="web"].image"#),
        ])
        #expect(error.conflicts.map { $0.manager } == ["kubectl-client-side-apply", "kubectl-client-side-apply"])

        let single = try #require(apiError {
            _ = try apply(live, deployment.replacingOccurrences(of: "\"replicas\":3", with: "\"replicas\":5"), manager: "deployer")
        })
        #expect(single.status.message == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas"#)
    }

    @Test func conflictsWithSeveralManagersAreGroupedBySortedManager() throws {
        var live = try apply(nil, deployment, manager: "zeta")
            .object
        live = try apply(live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"paused":false}}"#, manager: "alpha").object
        let error = try #require(apiError {
            _ = try apply(live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1,"paused":true}}"#,
                          manager: "deployer")
        })
        // Apply owners are named without a version.
        #expect(error.status.message == """
            Apply failed with 2 conflicts: conflicts with "alpha":
            - .spec.paused
            conflicts with "zeta":
            - .spec.replicas
            """)
        #expect(error.status.details?.causes?.map { $0.message } == [#"conflict with "alpha""#, #"conflict with "zeta""#])
    }

    @Test func forceTakesOwnership() throws {
        let live = clientSideCreated()
        let config = deployment.replacingOccurrences(of: "\"replicas\":3", with: "\"replicas\":5")
        let result = try apply(live, config, manager: "deployer", force: true, now: t2)
        #expect(result.object == json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","managedFields":[
               {"manager":"deployer","operation":"Apply","apiVersion":"apps/v1","time":"2024-05-01T10:00:02Z","fieldsType":"FieldsV1",
                "fieldsV1":{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}},
               {"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"apps/v1","time":"2024-05-01T10:00:01Z","fieldsType":"FieldsV1",
                "fieldsV1":{"f:spec":{".":{},"f:template":{".":{},"f:spec":{".":{},"f:containers":{".":{},"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}]},
             "spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}
            """#))
    }

    @Test func updateMovesOwnershipAndTheApplierThenConflicts() throws {
        var live = try apply(nil, deployment, manager: "deployer", now: t1).object
        var scaled = live
        scaled["spec"]["replicas"] = 7
        live = update(live, scaled, manager: "kube-controller-manager", now: t2)
        #expect(ownership(live) == [
            "deployer/Apply": json(#"{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#),
            "kube-controller-manager/Update": json(#"{"f:spec":{"f:replicas":{}}}"#),
        ])
        #expect(live["metadata"]["managedFields"][1]["time"] == .string(t2))

        let error = try #require(apiError { _ = try apply(live, deployment, manager: "deployer", now: t3) })
        #expect(error.status.message == #"Apply failed with 1 conflict: conflict with "kube-controller-manager" using apps/v1: .spec.replicas"#)

        // Leaving replicas out of the configuration is how the applier cedes it.
        let ceded = try apply(live, deployment.replacingOccurrences(of: "\"replicas\":3,", with: ""), manager: "deployer", now: t3)
        #expect(!ceded.changed)
        #expect(ceded.object["spec"]["replicas"] == 7)
    }

    @Test func sameManagerNameWithUpdateAndApplyConflictsWithItself() throws {
        let live = update(nil, json(deployment), manager: "my-operator", now: t1)
        let error = try #require(apiError {
            _ = try apply(live, deployment.replacingOccurrences(of: "\"replicas\":3", with: "\"replicas\":4"), manager: "my-operator")
        })
        #expect(error.status.message == #"Apply failed with 1 conflict: conflict with "my-operator" using apps/v1: .spec.replicas"#)
    }

    // MARK: - Removal

    @Test func droppedFieldsAreRemovedUnlessSomeoneElseOwnsThem() throws {
        var live = try apply(
            nil, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3,"minReadySeconds":10,"paused":false}}"#,
            manager: "a", now: t1
        ).object
        live = try apply(live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"minReadySeconds":10}}"#,
                         manager: "b", now: t2).object
        let result = try apply(live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}"#,
                               manager: "a", now: t3)
        #expect(result.changed)
        #expect(result.object == json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","managedFields":[
               {"manager":"b","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:minReadySeconds":{}}}},
               {"manager":"a","operation":"Apply","apiVersion":"apps/v1","time":"2024-05-01T10:00:03Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
             "spec":{"replicas":3,"minReadySeconds":10}}
            """#))
    }

    @Test func droppingAMapListItemRemovesIt() throws {
        let two = #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"},{"name":"sidecar","image":"proxy:1"}]}}}}
            """#
        let one = two.replacingOccurrences(of: #",{"name":"sidecar","image":"proxy:1"}"#, with: "")
        let live = try apply(nil, two, manager: "deployer", now: t1).object
        let result = try apply(live, one, manager: "deployer", now: t2)
        #expect(result.object["spec"]["template"]["spec"]["containers"] == json(#"[{"name":"app","image":"app:1"}]"#))
        #expect(ownership(result.object) == [
            "deployer/Apply": json(#"{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#)
        ])

        // Another applier owning the item keeps it (and its own fields) alive.
        var shared = try apply(live, #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{"containers":[{"name":"sidecar","resources":{"limits":{"cpu":"1"}}}]}}}}
            """#, manager: "mesh", now: t2).object
        shared = try apply(shared, one, manager: "deployer", now: t3).object
        #expect(shared["spec"]["template"]["spec"]["containers"] == json(#"""
            [{"name":"app","image":"app:1"},{"name":"sidecar","resources":{"limits":{"cpu":"1"}}}]
            """#))

        // An updater owning only a field inside the item does not: the item goes, and with it
        // the updater's ownership (structured-merge-diff's remove_one_with_dangling_subitem_keep_one).
        var edited = live
        edited["spec"]["template"]["spec"]["containers"] = json(#"[{"name":"app","image":"app:1"},{"name":"sidecar","image":"proxy:2"}]"#)
        edited = update(live, edited, manager: "kubectl-edit", now: t2)
        #expect(ownership(edited)["kubectl-edit/Update"] == json(
            #"{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"sidecar\"}":{"f:image":{}}}}}}}"#))
        let dropped = try apply(edited, one, manager: "deployer", now: t3).object
        #expect(dropped["spec"]["template"]["spec"]["containers"] == json(#"[{"name":"app","image":"app:1"}]"#))
        #expect(ownership(dropped)["kubectl-edit/Update"] == nil)
    }

    @Test func setsMergeAsUnionsAndDropOnlyTheirOwnValues() throws {
        let config = { (finalizers: String) in
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":\#(finalizers)}}"#
        }
        var live = try apply(nil, config(#"["a.io/x"]"#), manager: "one", now: t1).object
        live = try apply(live, config(#"["b.io/y"]"#), manager: "two", now: t2).object
        #expect(live["metadata"]["finalizers"] == json(#"["a.io/x","b.io/y"]"#))
        #expect(ownership(live)["two/Apply"] == json(#"{"f:metadata":{"f:finalizers":{"v:\"b.io/y\"":{}}}}"#))
        live = try apply(live, #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}"#, manager: "one", now: t3).object
        #expect(live["metadata"]["finalizers"] == json(#"["b.io/y"]"#))
        #expect(ownership(live)["one/Apply"] == nil)  // nothing left to own
    }

    // MARK: - Subresources

    @Test func statusSubresourceEntriesAreSeparate() throws {
        var live = try apply(nil, deployment, manager: "ctrl", now: t1).object
        live = try apply(
            live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"status":{"replicas":3,"conditions":[{"type":"Available","status":"True"}]}}"#,
            manager: "ctrl", now: t2, subresource: "status"
        ).object
        #expect(live["metadata"]["managedFields"] == json(#"""
            [{"manager":"ctrl","operation":"Apply","apiVersion":"apps/v1","time":"2024-05-01T10:00:01Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}},
             {"manager":"ctrl","operation":"Apply","apiVersion":"apps/v1","time":"2024-05-01T10:00:02Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:status":{"f:conditions":{"k:{\"type\":\"Available\"}":{".":{},"f:status":{},"f:type":{}}},"f:replicas":{}}},
              "subresource":"status"}]
            """#))
        let error = try #require(apiError {
            _ = try apply(live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"status":{"replicas":4}}"#,
                          manager: "other", subresource: "status")
        })
        #expect(error.status.message == #"Apply failed with 1 conflict: conflict with "ctrl" with subresource "status": .status.replicas"#)

        // A status update (PUT /status) takes the field under its own Update entry.
        var status = live
        status["status"]["replicas"] = 4
        let updated = update(live, status, manager: "kube-controller-manager", now: t3, subresource: "status")
        #expect(ownership(updated)["kube-controller-manager/Update/status"] == json(#"{"f:status":{"f:replicas":{}}}"#))
        #expect(ownership(updated)["ctrl/Apply/status"] == json(
            #"{"f:status":{"f:conditions":{"k:{\"type\":\"Available\"}":{".":{},"f:status":{},"f:type":{}}}}}"#))
    }

    // MARK: - Untracked objects and kubectl's upgrade path

    @Test func applyingToAnUntrackedObjectConflictsWithBeforeFirstApply() throws {
        let live = json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","uid":"1234"},"spec":{"replicas":1}}
            """#)
        let error = try #require(apiError {
            _ = try apply(live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}"#, manager: "deployer")
        })
        #expect(error.status.message == #"Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas"#)

        let forced = try apply(live, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,"paused":true}}"#,
                               manager: "deployer", force: true, now: t2)
        #expect(ownership(forced.object) == [
            "before-first-apply/Update": json(#"{"f:spec":{}}"#),  // owns .spec itself, nothing below
            "deployer/Apply": json(#"{"f:spec":{"f:paused":{},"f:replicas":{}}}"#),
        ])
    }

    @Test func kubectlTakesOverFieldsItSetThroughClientSideApply() throws {
        let lastApplied = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":3,"template":{"spec":{"containers":[{"image":"nginx:1.25","name":"web"}]}}}}"#
        var created = json(deployment)
        created["metadata"]["annotations"] = .object([FieldManager.lastAppliedAnnotation: .string(lastApplied + "\n")])
        var live = update(nil, created, manager: "kubectl-client-side-apply", now: t1)

        // kubectl apply --server-side with a new replica count: the conflict with the client-side
        // owner is forced because the live value is still the last-applied one.
        let config = #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
             "spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}
            """#
        let migrated = try apply(live, config, manager: "kubectl", now: t2).object
        #expect(migrated["spec"]["replicas"] == 5)
        #expect(migrated["metadata"]["annotations"][FieldManager.lastAppliedAnnotation] == .string(
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":5,"template":{"spec":{"containers":[{"image":"nginx:1.25","name":"web"}]}}}}"# + "\n"))
        #expect(ownership(migrated)["kubectl/Apply"] == json(
            #"{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#))

        // A field someone else changed since is not forced; another manager still conflicts.
        var edited = live
        edited["spec"]["template"]["spec"]["containers"] = json(#"[{"name":"web","image":"nginx:1.27"}]"#)
        live = update(live, edited, manager: "kubectl-edit", now: t2)
        let error = try #require(apiError {
            _ = try apply(live, config.replacingOccurrences(of: "nginx:1.25", with: "nginx:1.26"), manager: "kubectl", now: t3)
        })
        #expect(error.status.message == #"Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.template.spec.containers[name="web"].image"#)
        // Another manager name gets no such help.
        #expect(apiError { _ = try apply(live, config, manager: "deployer", now: t3) }?.conflicts.count == 2)
    }

    // MARK: - Malformed applies

    struct BadApply: Sendable, CustomTestStringConvertible {
        let name: String
        let config: String
        let code: Int
        let reason: String?
        let message: String
        var testDescription: String { name }
    }

    static let badApplies: [BadApply] = [
        .init(name: "missing kind", config: #"{"apiVersion":"apps/v1","metadata":{"name":"web"}}"#,
              code: 400, reason: "BadRequest", message: "invalid object type: apps/v1, Kind="),
        .init(name: "missing apiVersion", config: #"{"kind":"Deployment","metadata":{"name":"web"}}"#,
              code: 400, reason: "BadRequest", message: "invalid object type: /, Kind=Deployment"),
        .init(name: "another kind", config: #"{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"}}"#,
              code: 400, reason: "BadRequest", message: "invalid object type: apps/v1, Kind=StatefulSet"),
        .init(name: "another version", config: #"{"apiVersion":"apps/v1beta2","kind":"Deployment","metadata":{"name":"web"}}"#,
              code: 400, reason: "BadRequest", message: "invalid object type: apps/v1beta2, Kind=Deployment"),
        .init(name: "managedFields in the body", config: #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","managedFields":[]}}"#,
              code: 400, reason: "BadRequest", message: "metadata.managedFields must be nil"),
        .init(name: "duplicate map-list keys",
              config: #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"a"}]}}}}"#,
              code: 500, reason: nil,
              message: #"failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="a"]"#),
        .init(name: "several schema errors",
              config: #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["x","x"]},"spec":{"template":{"spec":{"containers":[{"image":"i"}]}}}}"#,
              code: 500, reason: nil,
              message: """
                  failed to create typed patch object (/web; apps/v1, Kind=Deployment): errors:
                    .metadata.finalizers: duplicate entries for key [="x"]
                    .spec.template.spec.containers: element 0: associative list with keys has an element that omits all key fields ["name"] (and doesn't have default values for any key fields)
                  """),
        .init(name: "not an object", config: "[1]", code: 400, reason: "BadRequest",
              message: "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}"),
    ]

    @Test(arguments: badApplies)
    func malformedAppliesAreRejectedLikeKubeApiserver(_ c: BadApply) throws {
        let live = try apply(nil, deployment, manager: "kubectl").object
        let error = try #require(apiError { _ = try apply(live, c.config, manager: "deployer") })
        #expect(error.status.code == c.code)
        #expect(error.status.reason == c.reason)
        #expect(error.status.message == c.message)
        #expect(error.conflicts.isEmpty)
    }

    @Test func objectsTheSchemaCannotTypeAreReportedOrLeftAlone() throws {
        // A stored object may hold duplicates (allowed), but not a map-list item without its key.
        let broken = json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","uid":"u"},
             "spec":{"template":{"spec":{"containers":[{"image":"nginx"}]}}}}
            """#)
        let error = try #require(apiError { _ = try apply(broken, deployment, manager: "deployer") })
        #expect(error.status.code == 500)
        #expect(error.status.message == #"failed to create typed live object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an element that omits all key fields ["name"] (and doesn't have default values for any key fields)"#)

        let duplicated = json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
             "spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"},{"name":"a","image":"y"}]}}}}
            """#)
        let tracked = update(nil, duplicated, manager: "creator")
        #expect(ownership(tracked)["creator/Update"] == json(#"""
            {"f:spec":{".":{},"f:template":{".":{},"f:spec":{".":{},"f:containers":{".":{},"k:{\"name\":\"a\"}":{}}}}}}
            """#))

        // An update producing an untypable object keeps the live managedFields as they were.
        let live = try apply(nil, deployment, manager: "kubectl").object
        var bad = live
        bad["spec"]["template"]["spec"]["containers"] = json(#"[{"image":"nginx"}]"#)
        bad["metadata"].removeValue(forKey: "managedFields")
        #expect(update(live, bad, manager: "kubectl-edit", now: t2)["metadata"]["managedFields"] == live["metadata"]["managedFields"])
    }

    @Test func namesMustMatchTheURL() throws {
        let object = json(deployment)
        try FieldManager.checkName(of: object, name: "web", namespace: "default")
        #expect(apiError { try FieldManager.checkName(of: object, name: "api", namespace: "default") }?.status.message
            == "the name of the object (web) does not match the name on the URL (api)")
        #expect(apiError { try FieldManager.checkName(of: object, name: "web", namespace: "prod") }?.status.message
            == "the namespace of the object (default) does not match the namespace on the request (prod)")
    }

    // MARK: - Non-apply tracking

    @Test func createAndUpdatesAreTrackedPerManager() throws {
        let created = update(nil, json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","uid":"u1","labels":{"app":"web"}},
             "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
            """#), manager: "kubectl-create", now: t1)
        #expect(created["metadata"]["managedFields"] == json(#"""
            [{"manager":"kubectl-create","operation":"Update","apiVersion":"apps/v1","time":"2024-05-01T10:00:01Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
               "f:spec":{".":{},"f:replicas":{},"f:template":{".":{},"f:spec":{".":{},"f:containers":{".":{},"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}]
            """#))

        var edited = created
        edited["spec"]["template"]["spec"]["containers"] = json(#"[{"name":"web","image":"nginx:2"}]"#)
        edited["metadata"].removeValue(forKey: "labels")
        let afterEdit = update(created, edited, manager: "kubectl-edit", now: t2)
        #expect(ownership(afterEdit) == [
            "kubectl-create/Update": json(#"{"f:spec":{".":{},"f:replicas":{},"f:template":{".":{},"f:spec":{".":{},"f:containers":{".":{},"k:{\"name\":\"web\"}":{".":{},"f:name":{}}}}}}}"#),
            "kubectl-edit/Update": json(#"{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{"f:image":{}}}}}}}"#),
        ])
        #expect(afterEdit["metadata"]["managedFields"][1]["time"] == .string(t2))

        // Writing the same object again changes no entry, not even a time.
        #expect(update(afterEdit, afterEdit, manager: "kubectl-edit", now: t3) == afterEdit)
        #expect(update(afterEdit, ManagedFields.removing(from: afterEdit), manager: "other", now: t3) == afterEdit)
    }

    @Test func managedFieldsCanBeResetOrRewrittenByAnUpdate() throws {
        let live = update(nil, json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","uid":"u"},"data":{"a":"1"}}"#), manager: "m", now: t1)
        // `managedFields: [{}]` (or `[]`) strips them, and an existing object without them stays untracked.
        var reset = live
        reset["metadata"]["managedFields"] = json("[{}]")
        reset["data"]["b"] = "2"
        let stripped = update(live, reset, manager: "kubectl-patch", now: t2)
        #expect(stripped == json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","uid":"u"},"data":{"a":"1","b":"2"}}"#))
        #expect(update(stripped, stripped, manager: "x", now: t3)["metadata"]["managedFields"] == .null)

        // A valid list in the body replaces the live one (main resource only).
        var rewritten = live
        rewritten["metadata"]["managedFields"] = json(#"[{"manager":"someone","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]"#)
        #expect(ownership(update(live, rewritten, manager: "m", now: t2)) == ["someone/Update": json(#"{"f:data":{"f:a":{}}}"#)])
        #expect(ownership(update(live, rewritten, manager: "m", now: t2, subresource: "status")) == ["m/Update": json(#"{"f:data":{".":{},"f:a":{}}}"#)])
    }

    @Test func moreThanTenUpdateManagersAreCappedIntoAncientChanges() {
        var live = update(nil, json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","uid":"u"},"data":{"k0":"v"}}"#), manager: "m0",
                          now: "2024-05-01T10:00:00Z")
        for i in 1...10 {
            var next = live
            next["data"]["k\(i)"] = "v"
            live = update(live, next, manager: "m\(i)", now: "2024-05-01T10:00:\(i < 10 ? "0" : "")\(i)Z")
        }
        let entries = (try? ManagedFields.entries(of: live)) ?? []
        #expect(entries.map(\.manager) == ["ancient-changes", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"])
        #expect(entries[0].time == "2024-05-01T10:00:01Z")
        #expect(entries[0].fields.fieldsV1 == json(#"{"f:data":{".":{},"f:k0":{},"f:k1":{}}}"#))
    }

    // MARK: - structured-merge-diff fixtures (merge/multiple_appliers_test.go)

    enum Op: Sendable {
        case apply(String, String)
        case update(String, String)
    }

    struct Fixture: Sendable, CustomTestStringConvertible {
        let name: String
        let ops: [Op]
        let object: String
        let managed: [String: String]
        var testDescription: String { name }
    }

    static let fixtures: [Fixture] = [
        .init(name: "remove_one",
              ops: [.apply("apply-one", #"{"listOfLists":[{"name":"a"},{"name":"b"}]}"#),
                    .apply("apply-two", #"{"listOfLists":[{"name":"c"}]}"#),
                    .apply("apply-one", #"{"listOfLists":[{"name":"a"}]}"#)],
              object: #"{"listOfLists":[{"name":"a"},{"name":"c"}]}"#,
              managed: ["apply-one/Apply": #"{"f:listOfLists":{"k:{\"name\":\"a\"}":{".":{},"f:name":{}}}}"#,
                        "apply-two/Apply": #"{"f:listOfLists":{"k:{\"name\":\"c\"}":{".":{},"f:name":{}}}}"#]),
        .init(name: "remove_one_keep_one_with_dangling_subitem",
              ops: [.apply("apply-one", #"{"listOfLists":[{"name":"a"},{"name":"b","value":["c"]}]}"#),
                    .apply("apply-two", #"{"listOfLists":[{"name":"b","value":["d"]}]}"#),
                    .update("controller", #"{"listOfLists":[{"name":"a"},{"name":"b","value":["c","d","e"]}]}"#),
                    .apply("apply-one", #"{"listOfLists":[{"name":"a"}]}"#)],
              object: #"{"listOfLists":[{"name":"a"},{"name":"b","value":["d","e"]}]}"#,
              managed: ["apply-one/Apply": #"{"f:listOfLists":{"k:{\"name\":\"a\"}":{".":{},"f:name":{}}}}"#,
                        "apply-two/Apply": #"{"f:listOfLists":{"k:{\"name\":\"b\"}":{".":{},"f:name":{},"f:value":{"v:\"d\"":{}}}}}"#,
                        "controller/Update": #"{"f:listOfLists":{"k:{\"name\":\"b\"}":{"f:value":{"v:\"e\"":{}}}}}"#]),
        .init(name: "remove_one_with_dangling_subitem_keep_one",
              ops: [.apply("apply-one", #"{"listOfLists":[{"name":"a"},{"name":"b","value":["c"]}]}"#),
                    .apply("apply-two", #"{"listOfLists":[{"name":"a","value":["b"]}]}"#),
                    .update("controller", #"{"listOfLists":[{"name":"a","value":["b"]},{"name":"b","value":["c","d"]}]}"#),
                    .apply("apply-one", #"{"listOfLists":[{"name":"a"}]}"#)],
              object: #"{"listOfLists":[{"name":"a","value":["b"]}]}"#,
              managed: ["apply-one/Apply": #"{"f:listOfLists":{"k:{\"name\":\"a\"}":{".":{},"f:name":{}}}}"#,
                        "apply-two/Apply": #"{"f:listOfLists":{"k:{\"name\":\"a\"}":{".":{},"f:name":{},"f:value":{"v:\"b\"":{}}}}}"#]),
        .init(name: "unset_scalar_shared_with_updater",
              ops: [.update("updater", #"{"struct":{"name":"a","scalarField":"a"}}"#),
                    .apply("applier", #"{"struct":{"name":"a","scalarField":"a"}}"#),
                    .apply("applier", #"{"struct":{"name":"a"}}"#)],
              object: #"{"struct":{"name":"a","scalarField":"a"}}"#,
              managed: ["updater/Update": #"{"f:struct":{".":{},"f:name":{},"f:scalarField":{}}}"#,
                        "applier/Apply": #"{"f:struct":{"f:name":{}}}"#]),
        .init(name: "updater_claims_field",
              ops: [.apply("applier", #"{"struct":{"name":"a","scalarField":"a"}}"#),
                    .update("updater", #"{"struct":{"name":"a","scalarField":"b"}}"#)],
              object: #"{"struct":{"name":"a","scalarField":"b"}}"#,
              managed: ["updater/Update": #"{"f:struct":{"f:scalarField":{}}}"#,
                        "applier/Apply": #"{"f:struct":{"f:name":{}}}"#]),
        .init(name: "unset_complex_shared_with_applier",
              ops: [.apply("apply-one", #"{"struct":{"name":"a","complexField":{"name":"b"}}}"#),
                    .apply("apply-two", #"{"struct":{"complexField":{"name":"b"}}}"#),
                    .apply("apply-one", #"{"struct":{"name":"a"}}"#)],
              object: #"{"struct":{"name":"a","complexField":{"name":"b"}}}"#,
              managed: ["apply-one/Apply": #"{"f:struct":{"f:name":{}}}"#,
                        "apply-two/Apply": #"{"f:struct":{"f:complexField":{"f:name":{}}}}"#]),
        // merge/set_test.go: item order
        .init(name: "apply_update_apply_no_overlap",
              ops: [.apply("default", #"{"list":["a","c"]}"#),
                    .update("controller", #"{"list":["a","b","c","d"]}"#),
                    .apply("default", #"{"list":["a","aprime","c","cprime"]}"#)],
              object: #"{"list":["a","b","aprime","c","d","cprime"]}"#,
              managed: ["default/Apply": #"{"f:list":{"v:\"a\"":{},"v:\"aprime\"":{},"v:\"c\"":{},"v:\"cprime\"":{}}}"#,
                        "controller/Update": #"{"f:list":{"v:\"b\"":{},"v:\"d\"":{}}}"#]),
        .init(name: "apply_update_apply_with_overlap",
              ops: [.apply("default", #"{"list":["a","c"]}"#),
                    .update("controller", #"{"list":["a","b","c","d"]}"#),
                    .apply("default", #"{"list":["a","b","c"]}"#)],
              object: #"{"list":["a","b","c","d"]}"#,
              managed: ["default/Apply": #"{"f:list":{"v:\"a\"":{},"v:\"b\"":{},"v:\"c\"":{}}}"#,
                        "controller/Update": #"{"f:list":{"v:\"b\"":{},"v:\"d\"":{}}}"#]),
        .init(name: "apply_twice_reorder",
              ops: [.apply("default", #"{"list":["a","b","c","d"]}"#), .apply("default", #"{"list":["a","d","c","b"]}"#)],
              object: #"{"list":["a","d","c","b"]}"#,
              managed: ["default/Apply": #"{"f:list":{"v:\"a\"":{},"v:\"b\"":{},"v:\"c\"":{},"v:\"d\"":{}}}"#]),
        .init(name: "apply_update_apply_reorder",
              ops: [.apply("default", #"{"list":["a","b","c","d"]}"#),
                    .update("controller", #"{"list":["a","d","c","b"]}"#),
                    .apply("default", #"{"list":["a","b","c","d"]}"#)],
              object: #"{"list":["a","b","c","d"]}"#,
              managed: ["default/Apply": #"{"f:list":{"v:\"a\"":{},"v:\"b\"":{},"v:\"c\"":{},"v:\"d\"":{}}}"#]),
        // merge/key_test.go
        .init(name: "removing_obsolete_applied_structs",
              ops: [.apply("default", #"{"assoc":[{"name":"a","value":1}]}"#), .apply("default", #"{"assoc":[{"name":"b","value":2}]}"#)],
              object: #"{"assoc":[{"name":"b","value":2}]}"#,
              managed: ["default/Apply": #"{"f:assoc":{"k:{\"name\":\"b\"}":{".":{},"f:name":{},"f:value":{}}}}"#]),
        // merge/leaf_test.go
        .init(name: "update_apply_omits",
              ops: [.apply("default", #"{"numeric":2}"#), .update("controller", #"{"numeric":1}"#), .apply("default", "{}")],
              object: #"{"numeric":1}"#,
              managed: ["controller/Update": #"{"f:numeric":{}}"#]),
        .init(name: "apply_twice_remove",
              ops: [.apply("default", #"{"numeric":1,"string":"string","bool":false}"#), .apply("default", #"{"string":"new string"}"#)],
              object: #"{"string":"new string"}"#,
              managed: ["default/Apply": #"{"f:string":{}}"#]),
        .init(name: "apply_remove_empty_set",
              ops: [.apply("default", #"{"string":"string"}"#), .apply("default", "{}")],
              object: "{}", managed: [:]),
    ]

    @Test(arguments: fixtures)
    func structuredMergeDiffFixture(_ fixture: Fixture) throws {
        func wrap(_ content: String) -> JSONValue {
            var object = json(content)
            object["apiVersion"] = "v1"
            object["kind"] = "Fixture"
            object["metadata"] = json(#"{"name":"x"}"#)
            return object
        }
        var live: JSONValue?
        for (i, op) in fixture.ops.enumerated() {
            let now = "2024-05-01T10:00:0\(i)Z"
            switch op {
            case .apply(let manager, let content):
                live = try FieldManager.apply(live: live, applied: wrap(content), manager: manager, force: false, schema: schema, now: now).object
            case .update(let manager, let content):
                live = update(live, wrap(content), manager: manager, now: now)
            }
        }
        let result = try #require(live)
        #expect(ManagedFields.removing(from: result) == wrap(fixture.object))
        #expect(ownership(result) == fixture.managed.mapValues(json))
    }
}
