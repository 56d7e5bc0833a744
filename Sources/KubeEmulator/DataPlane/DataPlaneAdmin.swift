import KubeCore

extension DataPlane {
    /// The data plane's part of the admin API, under `/emulator/` (`path` is what follows it):
    ///
    /// | request | effect |
    /// | --- | --- |
    /// | `POST nodes/<name>/down` | the node's kubelet stops posting: Ready=Unknown (`NodeStatusUnknown`), `node.kubernetes.io/unreachable` NoSchedule/NoExecute taints; its pods become NotReady and are evicted after their toleration (300 s by default) |
    /// | `POST nodes/<name>/up` | the node is Ready again, taints removed; its pods become Ready again |
    /// | `POST zones/<zone>/down`, `POST zones/<zone>/up` | the same for every node with `topology.kubernetes.io/zone: <zone>` |
    /// | `POST images/never-ready` `{"image": "..."}` | containers of that image run but never become ready |
    /// | `DELETE images/never-ready` `{"image": "..."}` or no body | remove that image (or all) from the list |
    /// | `POST images/fail` `{"image": "..."}` | containers of that image exit 1: Job pods fail, others crash-loop |
    /// | `DELETE images/fail` `{"image": "..."}` or no body | remove that image (or all) from the list |
    /// | `POST controllers/pause` | the scheduler, kubelets and controllers stop acting (the API still serves) |
    /// | `POST controllers/resume` | they act again |
    /// | `POST snapshots` `{"mode": "normal" \| "fail" \| "hang"}` | what VolumeSnapshots do once their delay has passed |
    /// | `GET dataplane` | the faults in force |
    ///
    /// An image entry matches exactly, or every tag and digest of it when it has none.
    /// Answers `{"status": "ok"}`, 404 for an unknown node or zone, 400 for a bad body, and nil
    /// (not this handler's) for other paths.
    public func handleAdmin(method: String, path: [String], body: JSONValue) async -> APIResponse? {
        let ok: APIResponse = .json(["status": "ok"])
        let first = path.first ?? "", second = path.count > 1 ? path[1] : "", third = path.count > 2 ? path[2] : ""
        switch (method, first, path.count) {
        case ("POST", "nodes", 3) where third == "down" || third == "up":
            guard setNode(second, up: third == "up") else {
                return .error(api.definition(forStorageKey: DataPlaneKeys.nodes).map { APIError.notFound($0, second) } ?? .notFoundPath("/emulator/nodes/\(second)"))
            }
            return ok
        case ("POST", "zones", 3) where third == "down" || third == "up":
            let nodes = setZone(second, up: third == "up")
            if nodes.isEmpty { return .error(APIError(code: 404, reason: StatusReason.notFound, message: "no nodes in zone \"\(second)\"")) }
            return .json(["status": "ok", "nodes": .array(nodes.map { JSONValue.string($0) })])
        case ("POST", "images", 2) where second == "never-ready" || second == "fail":
            guard let image = body["image"].stringValue, !image.isEmpty else { return .error(.badRequest("image is required")) }
            if second == "never-ready" { setNeverReady(image: image, true) } else { setFailing(image: image, true) }
            return ok
        case ("DELETE", "images", 2) where second == "never-ready" || second == "fail":
            let image = body["image"].stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if second == "never-ready" { setNeverReady(image: image, false) } else { setFailing(image: image, false) }
            return ok
        case ("POST", "controllers", 2) where second == "pause" || second == "resume":
            setControllersPaused(second == "pause")
            return ok
        case ("POST", "snapshots", 1):
            guard let text = body["mode"].stringValue, let mode = SnapshotMode(rawValue: text) else {
                return .error(.badRequest("mode must be one of: \(SnapshotMode.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            setSnapshotMode(mode)
            return ok
        case ("GET", "dataplane", 1):
            let f = faultState
            return .json([
                "downNodes": .array(f.downNodes.sorted().map { .string($0) }),
                "neverReadyImages": .array(f.neverReadyImages.sorted().map { .string($0) }),
                "failingImages": .array(f.failingImages.sorted().map { .string($0) }),
                "controllersPaused": .bool(f.controllersPaused),
                "snapshotMode": .string(f.snapshotMode.rawValue),
            ])
        default:
            return nil
        }
    }
}
