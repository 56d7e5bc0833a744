import Foundation
import KubeClient
import EmulatorTestSupport
import KubeCore
import Testing
@testable import KubeEmulator

/// `core/v1` and `events.k8s.io/v1` Events are two versions of one stored resource, as in
/// kube-apiserver: whatever is written through one is read, listed, watched, selected and
/// deleted through the other, converted, with the same name, uid and resourceVersion.
@Suite struct EventVersionsTests {
    static let coreEvents = CoreEvent.descriptor
    static let eventsV1 = Event.descriptor

    /// An events.k8s.io/v1 Event about a ConfigMap, with every field set.
    static func newEvent(_ name: String, regarding: String = "settings", uid: String = "cm-uid-1", reason: String = "Synced", type: String = "Normal") -> JSONValue {
        ["apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": .string(name)],
         "eventTime": "2026-03-01T10:00:00.123456Z", "reportingController": "example.com/operator", "reportingInstance": "operator-0",
         "action": "Reconcile", "reason": .string(reason), "type": .string(type), "note": "configuration applied",
         "regarding": ["apiVersion": "v1", "kind": "ConfigMap", "namespace": "default", "name": .string(regarding), "uid": .string(uid), "resourceVersion": "7"],
         "related": ["apiVersion": "v1", "kind": "Secret", "namespace": "default", "name": "creds"],
         "series": ["count": 2, "lastObservedTime": "2026-03-01T10:05:00.000000Z"],
         "deprecatedSource": ["component": "legacy", "host": "node-1"], "deprecatedFirstTimestamp": "2026-03-01T09:00:00Z",
         "deprecatedLastTimestamp": "2026-03-01T09:30:00Z", "deprecatedCount": 4]
    }

    /// A core/v1 Event as a client-go `record.EventRecorder` writes it.
    static func newCoreEvent(_ name: String, involved: String = "web") -> JSONValue {
        ["apiVersion": "v1", "kind": "Event", "metadata": ["name": .string(name)],
         "involvedObject": ["apiVersion": "apps/v1", "kind": "Deployment", "namespace": "default", "name": .string(involved), "uid": "dep-uid"],
         "reason": "ScalingReplicaSet", "message": "Scaled up replica set web-1 to 3", "type": "Normal",
         "source": ["component": "deployment-controller"], "firstTimestamp": "2026-03-01T08:00:00Z", "lastTimestamp": "2026-03-01T08:10:00Z", "count": 3]
    }

    @Test func createdThroughEventsV1IsServedByCoreV1() async throws {
        try await EmulatorHarness.with { h in
            let created = try await h.client.dynamic(Self.eventsV1).create(Self.newEvent("settings.1"), namespace: "default")
            #expect(created["apiVersion"] == "events.k8s.io/v1")
            #expect(created["note"] == "configuration applied")
            #expect(created["regarding"]["name"] == "settings")

            let core = try await h.client.dynamic(Self.coreEvents).get("settings.1", namespace: "default")
            #expect(core["apiVersion"] == "v1")
            #expect(core["kind"] == "Event")
            #expect(core.uid == created.uid)
            #expect(core.resourceVersion == created.resourceVersion)
            #expect(core["involvedObject"] == ["apiVersion": "v1", "kind": "ConfigMap", "namespace": "default", "name": "settings", "uid": "cm-uid-1", "resourceVersion": "7"])
            #expect(core["message"] == "configuration applied")
            #expect(core["reportingComponent"] == "example.com/operator")
            #expect(core["reportingInstance"] == "operator-0")
            #expect(core["related"]["name"] == "creds")
            #expect(core["source"] == ["component": "legacy", "host": "node-1"])
            #expect(core["firstTimestamp"] == "2026-03-01T09:00:00Z")
            #expect(core["lastTimestamp"] == "2026-03-01T09:30:00Z")
            #expect(core["count"] == 4)
            #expect(core["eventTime"] == "2026-03-01T10:00:00.123456Z")
            #expect(core["series"] == ["count": 2, "lastObservedTime": "2026-03-01T10:05:00.000000Z"])
            #expect(core["action"] == "Reconcile")
            #expect(core["reason"] == "Synced")
            #expect(core["type"] == "Normal")
            for eventsOnly in ["note", "regarding", "reportingController", "deprecatedSource", "deprecatedCount", "deprecatedFirstTimestamp", "deprecatedLastTimestamp"] {
                #expect(!core.hasKey(eventsOnly), "core/v1 view carries \(eventsOnly)")
            }

            // The typed core/v1 model (what kubectl and client-go decode) reads it.
            let typed = try await h.client.resource(CoreEvent.self).get("settings.1", namespace: "default")
            #expect(typed.involvedObject.name == "settings")
            #expect(typed.message == "configuration applied")
            #expect(typed.series?.count == 2)

            let list = try await h.client.dynamic(Self.coreEvents).list(namespace: "default")
            #expect(list.items.map { $0.name } == ["settings.1"])
            #expect(list.items.first?["involvedObject"]["kind"] == "ConfigMap")
            // Reading back through events.k8s.io/v1 gives what was written.
            let back = try await h.client.dynamic(Self.eventsV1).get("settings.1", namespace: "default")
            var expected = Self.newEvent("settings.1")
            expected["metadata"] = back["metadata"]
            #expect(back == expected)
        }
    }

    @Test func createdThroughCoreV1IsServedByEventsV1() async throws {
        try await EmulatorHarness.with { h in
            let created = try await h.client.dynamic(Self.coreEvents).create(Self.newCoreEvent("web.1"), namespace: "default")
            let ev = try await h.client.dynamic(Self.eventsV1).get("web.1", namespace: "default")
            #expect(ev["apiVersion"] == "events.k8s.io/v1")
            #expect(ev.uid == created.uid)
            #expect(ev.resourceVersion == created.resourceVersion)
            #expect(ev["regarding"] == ["apiVersion": "apps/v1", "kind": "Deployment", "namespace": "default", "name": "web", "uid": "dep-uid"])
            #expect(ev["note"] == "Scaled up replica set web-1 to 3")
            #expect(ev["deprecatedSource"] == ["component": "deployment-controller"])
            #expect(ev["deprecatedFirstTimestamp"] == "2026-03-01T08:00:00Z")
            #expect(ev["deprecatedLastTimestamp"] == "2026-03-01T08:10:00Z")
            #expect(ev["deprecatedCount"] == 3)
            #expect(ev["reason"] == "ScalingReplicaSet")
            for coreOnly in ["message", "involvedObject", "source", "count", "firstTimestamp", "lastTimestamp", "reportingComponent"] {
                #expect(!ev.hasKey(coreOnly), "events.k8s.io/v1 view carries \(coreOnly)")
            }
            let typed = try await h.client.resource(Event.self).list(namespace: "default").items
            #expect(typed.map(\.note) == ["Scaled up replica set web-1 to 3"])
            #expect(typed.first?.regarding?.kind == "Deployment")
        }
    }

    @Test func writesThroughOneVersionAreSeenThroughTheOther() async throws {
        try await EmulatorHarness.with { h in
            let events = h.client.dynamic(Self.eventsV1), core = h.client.dynamic(Self.coreEvents)
            _ = try await events.create(Self.newEvent("s.1"), namespace: "default")
            // The series update an events.k8s.io recorder sends for a repeat.
            let patched = try await events.patch("s.1", namespace: "default", type: .merge, ["series": ["count": 3, "lastObservedTime": "2026-03-01T10:09:00.000000Z"]])
            let seen = try await core.get("s.1", namespace: "default")
            #expect(seen["series"]["count"] == 3)
            #expect(seen.resourceVersion == patched.resourceVersion)

            // A core/v1 write changes what events.k8s.io/v1 serves.
            let corePatched = try await core.patch("s.1", namespace: "default", type: .strategicMerge, ["message": "changed", "involvedObject": ["fieldPath": "data"]])
            #expect(corePatched["message"] == "changed")
            let after = try await events.get("s.1", namespace: "default")
            #expect(after["note"] == "changed")
            #expect(after["regarding"]["fieldPath"] == "data")
            #expect(after["regarding"]["name"] == "settings")
            #expect(after.resourceVersion == corePatched.resourceVersion)

            // PUT through events.k8s.io/v1 with the resourceVersion read through core/v1.
            var replacement = after
            replacement["note"] = "replaced"
            replacement["metadata"]["resourceVersion"] = corePatched["metadata"]["resourceVersion"]
            let replaced = try await events.replace(replacement, namespace: "default")
            #expect(try await core.get("s.1", namespace: "default")["message"] == "replaced")
            // A stale resourceVersion conflicts whichever version it was read through.
            var stale = corePatched
            stale["message"] = "stale"
            do {
                _ = try await core.replace(stale, namespace: "default")
                Issue.record("expected Conflict")
            } catch let e as KubeError {
                #expect(e.isConflict)
            }
            // Re-sending an unchanged object, through either version, writes nothing.
            let sameCore = try await core.replace(try await core.get("s.1", namespace: "default"), namespace: "default")
            #expect(sameCore.resourceVersion == replaced.resourceVersion)
            let sameEvents = try await events.replace(try await events.get("s.1", namespace: "default"), namespace: "default")
            #expect(sameEvents.resourceVersion == replaced.resourceVersion)

            // Leaving out a struct Go always writes (`deprecatedSource: {}`) changes nothing either.
            var minimal = Self.newEvent("s.3")
            minimal.removeValue(forKey: "deprecatedSource")
            _ = try await events.create(minimal, namespace: "default")
            var read = try await events.get("s.3", namespace: "default")
            #expect(read["deprecatedSource"] == .emptyObject)
            read.removeValue(forKey: "deprecatedSource")
            #expect(try await events.replace(read, namespace: "default").resourceVersion == read.resourceVersion)

            // Server-side apply through events.k8s.io/v1 creates an Event core/v1 lists.
            _ = try await events.apply(Self.newEvent("s.2", regarding: "other"), namespace: "default", fieldManager: "tester")
            #expect(try await core.get("s.2", namespace: "default")["involvedObject"]["name"] == "other")
        }
    }

    @Test func aCoreV1BodyIsNotAnEventsV1Object() async throws {
        try await EmulatorHarness.with { h in
            let r = try await h.raw(.POST, "/apis/events.k8s.io/v1/namespaces/default/events", body: Self.newCoreEvent("x").serialized())
            #expect(r.status == 400)
            let status = try JSONValue.parse(r.body)
            #expect(status["message"] == "the API version in the data (v1) does not match the expected API version (events.k8s.io/v1)")
        }
    }

    @Test func watchesOnEitherVersionSeeWritesThroughBoth() async throws {
        try await EmulatorHarness.with { h in
            let events = h.client.dynamic(Self.eventsV1), core = h.client.dynamic(Self.coreEvents)
            let rv = try await core.list(namespace: "default").metadata.resourceVersion
            let coreWatch = try await core.watch(namespace: "default", options: ListOptions(resourceVersion: rv, timeoutSeconds: 30))
            let eventsWatch = try await events.watch(namespace: "default", options: ListOptions(resourceVersion: rv, timeoutSeconds: 30))
            let created = try await events.create(Self.newEvent("w.1"), namespace: "default")
            let modified = try await core.patch("w.1", namespace: "default", type: .merge, ["message": "again"])
            _ = try await events.delete("w.1", namespace: "default")

            var coreSeen: [WatchEvent<JSONValue>] = []
            for try await e in coreWatch {
                coreSeen.append(e)
                if coreSeen.count == 3 { break }
            }
            var eventsSeen: [WatchEvent<JSONValue>] = []
            for try await e in eventsWatch {
                eventsSeen.append(e)
                if eventsSeen.count == 3 { break }
            }
            #expect(coreSeen.map(\.typeName) == ["ADDED", "MODIFIED", "DELETED"])
            #expect(eventsSeen.map(\.typeName) == ["ADDED", "MODIFIED", "DELETED"])
            #expect(coreSeen.map { $0.object?.resourceVersion } == eventsSeen.map { $0.object?.resourceVersion })
            #expect(coreSeen[0].object?.resourceVersion == created.resourceVersion)
            #expect(coreSeen[1].object?.resourceVersion == modified.resourceVersion)
            #expect(coreSeen.allSatisfy { $0.object?["apiVersion"] == "v1" && $0.object?["involvedObject"]["name"] == "settings" })
            #expect(eventsSeen.allSatisfy { $0.object?["apiVersion"] == "events.k8s.io/v1" && $0.object?["regarding"]["name"] == "settings" })
            #expect(coreSeen[1].object?["message"] == "again")
            #expect(eventsSeen[1].object?["note"] == "again")

            // Without a resourceVersion, the synthetic ADDED events are converted too.
            _ = try await core.create(Self.newCoreEvent("w.2"), namespace: "default")
            for try await e in try await events.watch(namespace: "default", options: ListOptions(timeoutSeconds: 30)) {
                #expect(e.typeName == "ADDED")
                #expect(e.object?["note"] == "Scaled up replica set web-1 to 3")
                break
            }
        }
    }

    @Test func fieldSelectorsUseEachVersionsLabels() async throws {
        try await EmulatorHarness.with { h in
            let events = h.client.dynamic(Self.eventsV1), core = h.client.dynamic(Self.coreEvents)
            _ = try await events.create(Self.newEvent("a.1", regarding: "a", uid: "uid-a"), namespace: "default")
            _ = try await events.create(Self.newEvent("b.1", regarding: "b", uid: "uid-b", reason: "Failed", type: "Warning"), namespace: "default")
            _ = try await core.create(Self.newCoreEvent("web.1"), namespace: "default")

            func coreNames(_ selector: String) async throws -> [String] {
                try await core.list(namespace: "default", options: ListOptions(fieldSelector: selector)).items.compactMap(\.name)
            }
            func eventsNames(_ selector: String) async throws -> [String] {
                try await events.list(namespace: "default", options: ListOptions(fieldSelector: selector)).items.compactMap(\.name)
            }
            #expect(try await coreNames("involvedObject.name=a") == ["a.1"])
            // What `kubectl describe configmap a` sends.
            #expect(try await coreNames("involvedObject.kind=ConfigMap,involvedObject.name=a,involvedObject.namespace=default,involvedObject.uid=uid-a") == ["a.1"])
            #expect(try await coreNames("involvedObject.kind=ConfigMap,involvedObject.name=a,involvedObject.namespace=default,involvedObject.uid=uid-b") == [])
            #expect(try await coreNames("type=Warning") == ["b.1"])
            #expect(try await coreNames("reason!=Failed") == ["a.1", "web.1"])
            #expect(try await coreNames("reportingComponent=example.com/operator") == ["a.1", "b.1"])
            // `source` is source.component, else reportingComponent.
            #expect(try await coreNames("source=deployment-controller") == ["web.1"])
            #expect(try await coreNames("source=legacy") == ["a.1", "b.1"])
            #expect(try await coreNames("involvedObject.apiVersion=apps/v1,involvedObject.fieldPath=") == ["web.1"])
            #expect(try await coreNames("metadata.name=b.1") == ["b.1"])

            #expect(try await eventsNames("regarding.name=b") == ["b.1"])
            #expect(try await eventsNames("regarding.kind=Deployment,regarding.uid=dep-uid") == ["web.1"])
            #expect(try await eventsNames("reportingController=example.com/operator,reason=Synced") == ["a.1"])
            #expect(try await eventsNames("type==Warning") == ["b.1"])

            for (client, selector, label) in [(core, "note=x", "note"), (core, "regarding.name=a", "regarding.name"), (events, "involvedObject.name=a", "involvedObject.name"), (events, "message=x", "message")] {
                do {
                    _ = try await client.list(namespace: "default", options: ListOptions(fieldSelector: selector))
                    Issue.record("\(selector) must be rejected")
                } catch let e as KubeError {
                    #expect(e.code == 400)
                    #expect(e.status?.message == "field label not supported: \(label)")
                }
            }

            // A field-selected core/v1 watch sees Events written through events.k8s.io/v1.
            let rv = try await core.list(namespace: "default").metadata.resourceVersion
            let watch = try await core.watch(namespace: "default", options: ListOptions(fieldSelector: "involvedObject.name=c", resourceVersion: rv, timeoutSeconds: 30))
            _ = try await events.create(Self.newEvent("skip.1", regarding: "d"), namespace: "default")
            _ = try await events.create(Self.newEvent("c.1", regarding: "c"), namespace: "default")
            for try await e in watch {
                #expect(e.typeName == "ADDED")
                #expect(e.object?.name == "c.1")
                break
            }
        }
    }

    @Test func fieldSelectorValuesAreUnescaped() throws {
        #expect(try Selectors.parseFieldSelector(#"reason=a\,b,type!=x\=y"#) == [
            Selectors.FieldTerm(label: "reason", value: "a,b", equal: true), Selectors.FieldTerm(label: "type", value: "x=y", equal: false),
        ])
        #expect(throws: APIError.self) { try Selectors.parseFieldSelector("reason") }
        #expect(throws: APIError.self) { try Selectors.parseFieldSelector(#"reason=a\b"#) }
        #expect(throws: APIError.self) { try Selectors.parseFieldSelector("reason=a=b") }
    }

    @Test func deletingThroughOneVersionRemovesFromBoth() async throws {
        try await EmulatorHarness.with { h in
            let events = h.client.dynamic(Self.eventsV1), core = h.client.dynamic(Self.coreEvents)
            _ = try await core.create(Self.newCoreEvent("d.1"), namespace: "default")
            _ = try await events.create(Self.newEvent("d.2"), namespace: "default")
            _ = try await events.delete("d.1", namespace: "default")
            _ = try await core.delete("d.2", namespace: "default")
            #expect(try await core.list(namespace: "default").items.isEmpty)
            #expect(try await events.list(namespace: "default").items.isEmpty)
            do {
                _ = try await events.get("d.1", namespace: "default")
                Issue.record("expected NotFound")
            } catch let e as KubeError {
                #expect(e.isNotFound)
                #expect(e.status?.message == "events.events.k8s.io \"d.1\" not found")
            }
            // One name space for both versions: a name taken through one is taken for the other.
            _ = try await core.create(Self.newCoreEvent("d.3"), namespace: "default")
            do {
                _ = try await events.create(Self.newEvent("d.3"), namespace: "default")
                Issue.record("expected AlreadyExists")
            } catch let e as KubeError {
                #expect(e.isAlreadyExists)
            }
        }
    }

    @Test func eventTablesPrintTheServersColumns() async throws {
        try await EmulatorHarness.with { h in
            _ = try await h.client.dynamic(Self.eventsV1).create(Self.newEvent("t.1"), namespace: "default")
            var single = Self.newEvent("t.2")
            for f in ["series", "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount"] { single.removeValue(forKey: f) }
            _ = try await h.client.dynamic(Self.eventsV1).create(single, namespace: "default")
            for path in ["/api/v1/namespaces/default/events", "/apis/events.k8s.io/v1/namespaces/default/events"] {
                let response = await h.emulator.api.handle(APIRequest(
                    method: "GET", path: path, query: [:],
                    headers: [("Authorization", "Bearer \(h.emulator.adminToken)"), ("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")],
                    body: [], user: nil))
                guard case .full(let status, _, let body) = response else { Issue.record("expected a full response"); return }
                #expect(status == 200)
                let table = try JSONValue.parse(body)
                #expect(table["kind"] == "Table")
                #expect(table["columnDefinitions"].arrayValue?.compactMap { $0["name"].stringValue } == ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"])
                #expect(table["columnDefinitions"].arrayValue?.map { $0["priority"].intValue ?? 0 } == [0, 0, 0, 0, 1, 1, 0, 1, 1, 1])
                let rows = table["rows"].arrayValue ?? []
                #expect(rows.count == 2)
                let series = rows[0]["cells"].arrayValue ?? []
                #expect(Array(series[1...6]) == ["Normal", "Synced", "configmap/settings", "", "legacy, node-1", "configuration applied"])
                #expect(series[8] == 2)  // series.count
                #expect(series[9] == "t.1")
                let singleton = rows[1]["cells"].arrayValue ?? []
                #expect(singleton[5] == "example.com/operator, operator-0")  // reportingController, reportingInstance
                #expect(singleton[8] == 1)
                #expect(singleton[0] == singleton[7])  // no lastTimestamp: Last Seen is First Seen (the eventTime)
                #expect(singleton[0] != "<unknown>")
            }
        }
    }
}
