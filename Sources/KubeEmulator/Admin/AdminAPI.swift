import KubeCore

/// Data-plane faults, implemented by the simulated controllers.
public protocol DataPlaneFaults: Sendable {
    /// Handles `/emulator/<path>`; nil when the path is not the data plane's.
    func handleAdmin(method: String, path: [String], body: JSONValue) async -> APIResponse?
}

extension APIServer {
    /// The fault-injection API under `/emulator/` (documented in the README):
    ///
    /// | request | effect |
    /// | --- | --- |
    /// | `POST /emulator/faults/errors` `{code, rate, verbs, resources}` | answer `code` for that share of matching requests |
    /// | `POST /emulator/faults/latency` `{seconds}` | delay every request |
    /// | `DELETE /emulator/faults` | clear injected errors and latency |
    /// | `POST /emulator/watches/close` | end every open watch |
    /// | `POST /emulator/history/compact` | drop watch history and continue tokens (410 on resume) |
    func handleAdmin(_ req: APIRequest) async -> APIResponse {
        let segs = Array(req.path.split(separator: "/").map(String.init).dropFirst())
        let body = (try? JSONValue.parse(req.body)) ?? .emptyObject
        let ok: APIResponse = .json(["status": "ok"])
        switch (req.method, segs) {
        case ("POST", ["faults", "errors"]):
            guard let code = body["code"].intValue else { return .error(.badRequest("code is required")) }
            faults.addError(Faults.ErrorRule(code: Int(code), rate: body["rate"].doubleValue ?? 1, verbs: body["verbs"].arrayValue?.compactMap(\.stringValue) ?? [], resources: body["resources"].arrayValue?.compactMap(\.stringValue) ?? []))
            return ok
        case ("POST", ["faults", "latency"]):
            faults.setLatency(seconds: body["seconds"].doubleValue ?? 0)
            return ok
        case ("DELETE", ["faults"]):
            faults.clear()
            return ok
        case ("POST", ["watches", "close"]):
            store.closeAllWatches()
            return ok
        case ("POST", ["history", "compact"]):
            store.compact()
            pager.expireAll()
            return ok
        default:
            if let dp = dataPlane.value, let r = await dp.handleAdmin(method: req.method, path: segs, body: body) { return r }
            return .error(.notFoundPath(req.path))
        }
    }
}
