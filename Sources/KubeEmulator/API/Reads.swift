import Foundation
import KubeCore

extension APIServer {
    /// GET of one object.
    public func get(_ def: ResourceDefinition, namespace: String?, name: String) throws -> JSONValue {
        guard let obj = store.get(def.storageKey, namespace: namespace ?? "", name: name) else { throw APIError.notFound(def, name) }
        return present(def, obj)
    }

    /// The object as served at this definition's version: converted when the version has a
    /// ``VersionConversion`` (events.k8s.io/v1 Events), otherwise the stored object with this
    /// version's `apiVersion` (versions of a CRD share storage with `conversion: None`).
    func present(_ def: ResourceDefinition, _ obj: JSONValue) -> JSONValue {
        var o = def.fromStorage(obj)
        o["apiVersion"] = .string(def.apiVersion)
        o["kind"] = .string(def.kind)
        return o
    }

    /// LIST, with label/field selectors and `limit`/`continue` pagination over a snapshot.
    public func list(_ def: ResourceDefinition, namespace: String?, query: [String: String]) throws -> JSONValue {
        let predicate = try Selectors.predicate(for: def, labelSelector: query["labelSelector"], fieldSelector: query["fieldSelector"])
        let limit = Int(query["limit"] ?? "") ?? 0
        var items: [JSONValue]
        var revision: Int64
        var next: String?
        var remaining: Int?
        if let token = query["continue"], !token.isEmpty {
            let page = try pager.next(token: token, limit: limit, compactedRevision: store.compactedRevision)
            (items, revision, next, remaining) = (page.items, page.revision, page.token, page.remaining)
        } else {
            let snapshot = store.list(ObjectFilter(storageKey: def.storageKey, namespace: namespace, matches: predicate))
            (items, revision) = snapshot
            if limit > 0 && items.count > limit {
                let page = pager.start(items: items, revision: revision, limit: limit)
                (items, next, remaining) = (page.items, page.token, page.remaining)
            }
        }
        var meta: JSONValue = ["resourceVersion": .string(String(revision))]
        if let next {
            meta["continue"] = .string(next)
            if let remaining { meta["remainingItemCount"] = .int(Int64(remaining)) }
        }
        return ["apiVersion": .string(def.apiVersion), "kind": .string(def.kind + "List"), "metadata": meta, "items": .array(items.map { present(def, $0) })]
    }

    /// WATCH: a chunked stream of `{type, object}` lines. An unset or `"0"` resourceVersion
    /// starts with synthetic ADDED events for current objects; a compacted one answers an ERROR
    /// event with 410 Expired, as kube-apiserver's watch cache does. The stream ends after
    /// `timeoutSeconds` (default 30 min). Selectors apply to the stored objects and every event
    /// is converted to the watched version, so a watch through one version of a resource sees
    /// writes made through any other, with the shared resourceVersion.
    func watch(_ def: ResourceDefinition, namespace: String?, query: [String: String]) throws -> APIResponse {
        let predicate = try Selectors.predicate(for: def, labelSelector: query["labelSelector"], fieldSelector: query["fieldSelector"])
        let filter = ObjectFilter(storageKey: def.storageKey, namespace: namespace, matches: predicate)
        var from: Int64?
        let sendInitialEvents = query["sendInitialEvents"] == "true"
        if !sendInitialEvents, let rv = query["resourceVersion"], !rv.isEmpty, rv != "0" {
            guard let r = Int64(rv) else { throw APIError.badRequest("invalid resource version \"\(rv)\"") }
            from = r
        }
        let timeout = Double(query["timeoutSeconds"] ?? "") ?? 1800
        let bookmarks = query["allowWatchBookmarks"] == "true"
        let headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        let (out, continuation) = AsyncStream<[UInt8]>.makeStream()

        let started: (stream: AsyncStream<WatchDelivery>, id: Int)
        do {
            started = try store.watch(filter, from: from, initialEventsEndBookmark: sendInitialEvents)
        } catch ObjectStore.WatchStartError.tooOld(let requested, let oldest) {
            let status = APIResponse.statusJSON(APIError.expired("too old resource version: \(requested) (\(oldest))"))
            continuation.yield((["type": "ERROR", "object": status] as JSONValue).serialized() + [0x0A])
            continuation.finish()
            return .stream(status: 200, headers: headers, chunks: out)
        }
        let store = self.store
        let interval = bookmarkInterval
        let apiVersion = def.apiVersion, kind = def.kind
        let served = def
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await delivery in started.stream {
                        switch delivery {
                        case .event(let k, let stored):
                            var object = served.fromStorage(stored)
                            object["apiVersion"] = .string(apiVersion)
                            object["kind"] = .string(kind)
                            continuation.yield((["type": .string(k.rawValue), "object": object] as JSONValue).serialized() + [0x0A])
                        case .bookmark(let rv, let initialEventsEnd):
                            var obj: JSONValue = ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": ["resourceVersion": .string(String(rv))]]
                            if initialEventsEnd { obj["metadata"]["annotations"] = ["k8s.io/initial-events-end": "true"] }
                            continuation.yield((["type": "BOOKMARK", "object": obj] as JSONValue).serialized() + [0x0A])
                        }
                    }
                }
                group.addTask { try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000))) }
                if bookmarks {
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: interval)
                            if !Task.isCancelled { store.bookmark(started.id) }
                        }
                    }
                }
                await group.next()
                group.cancelAll()
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return .stream(status: 200, headers: headers, chunks: out)
    }
}

extension APIResponse {
    /// A Status object as JSON (for ERROR watch events).
    static func statusJSON(_ e: APIError) -> JSONValue {
        var s = (try? JSONValue(encoding: e.status)) ?? .emptyObject
        s["kind"] = "Status"
        s["apiVersion"] = "v1"
        s["metadata"] = .emptyObject
        return s
    }
}
