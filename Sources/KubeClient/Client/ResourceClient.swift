import KubeCore

/// The verbs on one resource, for a typed kind (`ResourceClient<Deployment>`) or for unstructured
/// objects (`ResourceClient<JSONValue>`). Namespaces are passed per call; for namespaced resources
/// `nil` means all namespaces where a collection is read (list, watch) and is an error elsewhere.
public struct ResourceClient<Object: APIObject>: Sendable {
    public let client: KubernetesClient
    public let descriptor: ResourceDescriptor

    public init(client: KubernetesClient, descriptor: ResourceDescriptor) {
        self.client = client
        self.descriptor = descriptor
    }

    private func build(_ f: () throws -> KubeRequest) throws -> KubeRequest {
        do { return try f() } catch let e as RequestBuildError { throw KubeError.invalidRequest(e.message) }
    }

    private func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        do { return Array(try JSONCoding.encode(value)) } catch { throw KubeError.invalidRequest("cannot encode \(T.self): \(error)") }
    }

    private func name(of object: Object) throws -> String {
        guard let n = object.apiObjectName, !n.isEmpty else { throw KubeError.invalidRequest("object has no metadata.name") }
        return n
    }

    private func namespace(of object: Object, _ explicit: String?) -> String? {
        guard descriptor.isNamespaced else { return nil }
        return explicit ?? object.apiObjectNamespace ?? client.namespace
    }

    // MARK: Reads

    public func get(_ name: String, namespace: String? = nil) async throws -> Object {
        let r = try build { try RequestBuilder.get(descriptor, name: name, namespace: ns(namespace)) }
        return try KubernetesClient.decode(Object.self, try await client.perform(r))
    }

    /// GET, answering nil for 404 instead of throwing.
    public func getIfExists(_ name: String, namespace: String? = nil) async throws -> Object? {
        do { return try await get(name, namespace: namespace) } catch let e as KubeError where e.isNotFound { return nil }
    }

    /// One page of a LIST, exactly as the server answers it.
    public func listPage(namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> ObjectList<Object> {
        let r = try build { try RequestBuilder.list(descriptor, namespace: namespace, options: options) }
        return try KubernetesClient.decode(ObjectList<Object>.self, try await client.perform(r))
    }

    /// A complete LIST, fetched in pages of `limit` (default ``ClientConfiguration/pageSize``)
    /// with `continue` tokens. If a token expires (410) the list starts again from the beginning
    /// without a limit, as client-go's pager falls back to a full list.
    /// The result's `resourceVersion` is the snapshot the pages were served from.
    public func list(namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> ObjectList<Object> {
        var opts = options
        if opts.limit == nil { opts.limit = client.configuration.pageSize }
        var items: [Object] = []
        var first: ListMeta?
        while true {
            let page: ObjectList<Object>
            do {
                page = try await listPage(namespace: namespace, options: opts)
            } catch let e as KubeError where e.isGone && opts.continueToken != nil {
                client.logger.info("list continue token expired; listing again in full", metadata: ["resource": "\(descriptor.gvr)"])
                var full = options
                full.limit = nil
                full.continueToken = nil
                return try await listPage(namespace: namespace, options: full)
            }
            if first == nil { first = page.metadata }
            items.append(contentsOf: page.items)
            guard let token = page.metadata.continue, !token.isEmpty else { break }
            opts.continueToken = token
        }
        return ObjectList(metadata: ListMeta(resourceVersion: first?.resourceVersion), items: items)
    }

    // MARK: Writes

    public func create(_ object: Object, namespace: String? = nil, options: WriteOptions = WriteOptions()) async throws -> Object {
        let body = try encode(object)
        let r = try build { try RequestBuilder.create(descriptor, namespace: self.namespace(of: object, namespace), body: body, options: options) }
        return try KubernetesClient.decode(Object.self, try await client.perform(r))
    }

    /// PUT: replaces the object; fails with 409 Conflict if its resourceVersion is stale.
    public func replace(_ object: Object, namespace: String? = nil, options: WriteOptions = WriteOptions()) async throws -> Object {
        let body = try encode(object)
        let n = try name(of: object)
        let r = try build { try RequestBuilder.replace(descriptor, name: n, namespace: self.namespace(of: object, namespace), body: body, options: options) }
        return try KubernetesClient.decode(Object.self, try await client.perform(r))
    }

    /// DELETE. Returns the object when the server answers with it (it has finalizers, or
    /// foreground deletion is under way), nil when it answers with a Status.
    @discardableResult
    public func delete(_ name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions()) async throws -> Object? {
        let r = try build { try RequestBuilder.delete(descriptor, name: name, namespace: ns(namespace), options: options) }
        let response = try await client.perform(r)
        if let v = try? JSONValue.parse(response.body), v["kind"].stringValue == "Status" { return nil }
        return try? KubernetesClient.decode(Object.self, response)
    }

    /// PATCH with raw bytes of the given kind (merge, JSON, strategic merge or apply).
    public func patch(_ name: String, namespace: String? = nil, type: PatchType, body: [UInt8], subresource: String? = nil, options: PatchOptions = PatchOptions()) async throws -> Object {
        let r = try build { try RequestBuilder.patch(descriptor, name: name, namespace: ns(namespace), subresource: subresource, type: type, body: body, options: options) }
        return try KubernetesClient.decode(Object.self, try await client.perform(r))
    }

    /// PATCH with a JSON document (merge or strategic merge patch, or a JSON patch array).
    public func patch(_ name: String, namespace: String? = nil, type: PatchType, _ patch: JSONValue, subresource: String? = nil, options: PatchOptions = PatchOptions()) async throws -> Object {
        try await self.patch(name, namespace: namespace, type: type, body: patch.serialized(), subresource: subresource, options: options)
    }

    /// Server-side apply: the object is this field manager's whole intent. `force` takes over
    /// fields owned by other managers instead of failing with 409, as controllers should on
    /// objects they own.
    public func apply(_ object: Object, namespace: String? = nil, fieldManager: String, force: Bool = true, dryRun: Bool = false) async throws -> Object {
        try await applyTo(object, subresource: nil, namespace: namespace, fieldManager: fieldManager, force: force, dryRun: dryRun)
    }

    private func applyTo(_ object: Object, subresource: String?, namespace: String?, fieldManager: String, force: Bool, dryRun: Bool) async throws -> Object {
        let body = try encode(object)
        let n = try name(of: object)
        let r = try build {
            try RequestBuilder.patch(descriptor, name: n, namespace: self.namespace(of: object, namespace), subresource: subresource, type: .apply, body: body, options: PatchOptions(fieldManager: fieldManager, force: force, dryRun: dryRun))
        }
        return try KubernetesClient.decode(Object.self, try await client.perform(r))
    }

    // MARK: status subresource

    public func getStatus(_ name: String, namespace: String? = nil) async throws -> Object {
        let r = try build { try RequestBuilder.get(descriptor, name: name, namespace: ns(namespace), subresource: "status") }
        return try KubernetesClient.decode(Object.self, try await client.perform(r))
    }

    /// PUT to `/status`: only `.status` is taken from the object (resourceVersion is checked).
    public func replaceStatus(_ object: Object, namespace: String? = nil, options: WriteOptions = WriteOptions()) async throws -> Object {
        let body = try encode(object)
        let n = try name(of: object)
        let r = try build { try RequestBuilder.replace(descriptor, name: n, namespace: self.namespace(of: object, namespace), subresource: "status", body: body, options: options) }
        return try KubernetesClient.decode(Object.self, try await client.perform(r))
    }

    public func patchStatus(_ name: String, namespace: String? = nil, type: PatchType, _ patch: JSONValue, options: PatchOptions = PatchOptions()) async throws -> Object {
        try await self.patch(name, namespace: namespace, type: type, body: patch.serialized(), subresource: "status", options: options)
    }

    /// Server-side apply to `/status`.
    public func applyStatus(_ object: Object, namespace: String? = nil, fieldManager: String, force: Bool = true) async throws -> Object {
        try await applyTo(object, subresource: "status", namespace: namespace, fieldManager: fieldManager, force: force, dryRun: false)
    }

    // MARK: scale subresource

    public func getScale(_ name: String, namespace: String? = nil) async throws -> Scale {
        let r = try build { try RequestBuilder.get(descriptor, name: name, namespace: ns(namespace), subresource: "scale") }
        return try KubernetesClient.decode(Scale.self, try await client.perform(r))
    }

    public func replaceScale(_ name: String, namespace: String? = nil, scale: Scale) async throws -> Scale {
        let body = try encode(scale)
        let r = try build { try RequestBuilder.replace(descriptor, name: name, namespace: ns(namespace), subresource: "scale", body: body) }
        return try KubernetesClient.decode(Scale.self, try await client.perform(r))
    }

    public func patchScale(_ name: String, namespace: String? = nil, type: PatchType = .merge, _ patch: JSONValue, options: PatchOptions = PatchOptions()) async throws -> Scale {
        let r = try build { try RequestBuilder.patch(descriptor, name: name, namespace: ns(namespace), subresource: "scale", type: type, body: patch.serialized(), options: options) }
        return try KubernetesClient.decode(Scale.self, try await client.perform(r))
    }

    // MARK: watch

    /// Opens a WATCH. The stream ends normally when the server closes it (at `timeoutSeconds`);
    /// it throws ``KubeError/watchIdleTimeout`` when no bytes arrive for `timeoutSeconds` plus a
    /// margin (or `idleTimeoutSeconds` if given). Ending iteration closes the connection.
    public func watch(namespace: String? = nil, options: ListOptions = ListOptions(), idleTimeoutSeconds: Double? = nil) async throws -> WatchStream<Object> {
        let r = try build { try RequestBuilder.watch(descriptor, namespace: namespace, options: options) }
        let serverTimeout = options.timeoutSeconds.map(Double.init)
        let idle = idleTimeoutSeconds ?? ((serverTimeout ?? 1800) + KubernetesClient.watchIdleMarginSeconds)
        let response = try await client.performStream(r, timeout: serverTimeout.map { $0 + 2 * KubernetesClient.watchIdleMarginSeconds })
        return WatchStream(chunks: response.body, idleTimeoutSeconds: idle)
    }

    private func ns(_ explicit: String?) -> String? {
        descriptor.isNamespaced ? (explicit ?? client.namespace) : nil
    }
}
