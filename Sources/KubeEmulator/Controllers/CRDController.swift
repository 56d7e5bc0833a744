import KubeCore
import KubeMachinery

/// apiextensions-apiserver's role: a CustomResourceDefinition is served as soon as it is
/// created (status `Established` and `NamesAccepted`), and when it is deleted its custom
/// resources are deleted and the resource is withdrawn from discovery.
struct CRDController {
    static let cleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"
    static let storageKey = "apiextensions.k8s.io/customresourcedefinitions"
    let api: APIServer

    func handle(_ event: StoreEvent) {
        if event.storageKey == Self.storageKey {
            let crd = event.object
            if event.kind == .deleted { withdraw(crd); return }
            if crd.isBeingDeleted { cleanUp(crd) } else { establish(crd) }
        } else if event.kind == .deleted, let crd = owningCRD(of: event.storageKey), crd.isBeingDeleted {
            cleanUp(crd)
        }
    }

    private func owningCRD(of storageKey: String) -> JSONValue? {
        api.store.objects(Self.storageKey).first { crd in
            "\(crd["spec"]["group"].stringValue ?? "")/\(crd["spec"]["names"]["plural"].stringValue ?? "")" == storageKey
        }
    }

    /// The resource definitions of a CRD's served versions.
    static func definitions(_ crd: JSONValue) -> [ResourceDefinition] {
        let spec = crd["spec"]
        guard let group = spec["group"].stringValue, let plural = spec["names"]["plural"].stringValue, let kind = spec["names"]["kind"].stringValue else { return [] }
        let scope: ResourceScope = spec["scope"].stringValue == "Cluster" ? .cluster : .namespaced
        let typed = try? crd.decode(as: CustomResourceDefinition.self)
        return (spec["versions"].arrayValue ?? []).filter { $0["served"].boolValue ?? true }.compactMap { v in
            guard let version = v["name"].stringValue else { return nil }
            let sub = v["subresources"]
            var scale: ScaleMapping?
            if case .object = sub["scale"] {
                scale = ScaleMapping(specReplicasPath: sub["scale"]["specReplicasPath"].stringValue ?? ".spec.replicas", statusReplicasPath: sub["scale"]["statusReplicasPath"].stringValue ?? ".status.replicas", labelSelectorPath: sub["scale"]["labelSelectorPath"].stringValue)
            }
            return ResourceDefinition(
                descriptor: ResourceDescriptor(group: group, version: version, resource: plural, kind: kind, scope: scope),
                singular: spec["names"]["singular"].stringValue ?? kind.lowercased(),
                shortNames: spec["names"]["shortNames"].arrayValue?.compactMap(\.stringValue) ?? [],
                categories: spec["names"]["categories"].arrayValue?.compactMap(\.stringValue) ?? [],
                hasStatus: !sub["status"].isNull, scale: scale, crd: crd,
                schema: typed.flatMap { try? StructuralSchema.forVersion(version, of: $0) }, returnsDeletedObject: true)
        }
    }

    private func establish(_ crd: JSONValue) {
        guard let name = crd.name, let def = api.definition(forStorageKey: Self.storageKey) else { return }
        let group = crd["spec"]["group"].stringValue ?? "", plural = crd["spec"]["names"]["plural"].stringValue ?? ""
        api.registry.unregister(group: group, plural: plural)
        for d in Self.definitions(crd) { api.registry.register(d) }
        api.systemUpdate(def, namespace: nil, name: name) { current in
            guard !current.finalizers.contains(Self.cleanupFinalizer) else { return nil }
            var o = current
            o["metadata"]["finalizers"] = .array(current["metadata"]["finalizers"].arrayValue.map { $0 + [.string(Self.cleanupFinalizer)] } ?? [.string(Self.cleanupFinalizer)])
            return o
        }
        api.systemUpdate(def, namespace: nil, name: name, subresource: "status") { current in
            var o = current
            let now = current["status"]["conditions"].arrayValue?.first { $0["type"] == "Established" }?["lastTransitionTime"] ?? .string(Time(api.clock()).description)
            o["status"] = [
                "conditions": [
                    ["type": "NamesAccepted", "status": "True", "reason": "NoConflicts", "message": "no conflicts found", "lastTransitionTime": now],
                    ["type": "Established", "status": "True", "reason": "InitialNamesAccepted", "message": "the initial names have been accepted", "lastTransitionTime": now],
                ],
                "acceptedNames": current["spec"]["names"],
                "storedVersions": .array((current["spec"]["versions"].arrayValue ?? []).filter { $0["storage"].boolValue == true }.map { $0["name"] }),
            ]
            return o
        }
    }

    private func cleanUp(_ crd: JSONValue) {
        guard let name = crd.name, let def = api.definition(forStorageKey: Self.storageKey) else { return }
        let group = crd["spec"]["group"].stringValue ?? "", plural = crd["spec"]["names"]["plural"].stringValue ?? ""
        let key = "\(group)/\(plural)"
        let remaining = api.store.objects(key)
        if let crDef = api.definition(forStorageKey: key) {
            for o in remaining where !o.isBeingDeleted {
                if let n = o.name { api.systemDelete(crDef, namespace: o.namespace, name: n) }
            }
        }
        if api.store.objects(key).isEmpty {
            api.registry.unregister(group: group, plural: plural)
            api.systemUpdate(def, namespace: nil, name: name) { $0.removingFinalizer(Self.cleanupFinalizer) }
        }
    }

    private func withdraw(_ crd: JSONValue) {
        api.registry.unregister(group: crd["spec"]["group"].stringValue ?? "", plural: crd["spec"]["names"]["plural"].stringValue ?? "")
    }
}
