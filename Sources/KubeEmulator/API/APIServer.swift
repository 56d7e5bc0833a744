import Foundation
import KubeCore
import Logging

/// The Kubernetes API, served from an ``ObjectStore``: discovery, the verbs on every registered
/// resource, subresources, watches, and deletion with finalizers. The HTTP layer and the
/// emulator's own controllers both go through it, so every write follows the same rules.
public final class APIServer: Sendable {
    public let store: ObjectStore
    public let registry: ResourceRegistry
    public let metrics: RequestMetrics
    public let faults: Faults
    let admission: any Admission
    let fieldTracker: any FieldTracker
    /// Bearer tokens: the static ones and those issued by TokenRequest.
    let authenticator: Authenticator
    /// Decides requests in RBAC mode (in AlwaysAllow mode requests are not even examined) and
    /// answers access reviews in both.
    public let authorizer: Authorizer
    let logger: Logger
    let pager: ContinuePager
    let clock: @Sendable () -> Date
    /// How often watchers that asked for bookmarks get one.
    let bookmarkInterval: Duration
    /// The simulated controllers' fault handlers, attached after start.
    let dataPlane = LockedValue<(any DataPlaneFaults)?>(nil)

    init(store: ObjectStore, registry: ResourceRegistry, tokens: [String: String], groups: [String: [String]] = [:], authorizationMode: AuthorizationMode = .alwaysAllow, admission: any Admission, fieldTracker: any FieldTracker, faults: Faults, logger: Logger, bookmarkInterval: Duration, continueTokenTTL: TimeInterval, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.registry = registry
        self.authenticator = Authenticator(staticTokens: tokens, staticGroups: groups)
        self.authorizer = Authorizer(mode: authorizationMode, store: store)
        self.admission = admission
        self.fieldTracker = fieldTracker
        self.faults = faults
        self.logger = logger
        self.metrics = RequestMetrics()
        self.pager = ContinuePager(ttl: continueTokenTTL)
        self.clock = clock
        self.bookmarkInterval = bookmarkInterval
    }

    // MARK: HTTP entry

    /// Serves one HTTP request: authentication, impersonation, authorization, fault injection,
    /// routing, metrics.
    ///
    /// As in kube-apiserver, authorization comes before routing: in RBAC mode a request nobody
    /// allowed gets 403 whether or not its resource exists, and a watch is authorized once, when
    /// it starts. `/version`, `/healthz`, `/livez` and `/readyz` need no credentials (the
    /// bootstrap `system:public-info-viewer` binding grants them to unauthenticated users too).
    public func handle(_ request: APIRequest) async -> APIResponse {
        let start = ContinuousClock.now
        var req = request
        let publicPaths: Set<String> = ["/version", "/healthz", "/livez", "/readyz"]
        if !publicPaths.contains(req.path) {
            if let denied = authenticate(&req) { return .error(denied) }
        }
        if req.path.hasPrefix("/emulator/") {
            if let denied = adminDenial(req) { return .error(denied) }
            return await handleAdmin(req)
        }
        let attributes: AuthorizationAttributes?
        switch authorize(req) {
        case .failure(let denied): return .error(denied)
        case .success(let a): attributes = a
        }
        if req.path == "/metrics" { return .text(metrics.render(), contentType: "text/plain; version=0.0.4") }

        let viaWatchPath = ResourcePath.removingWatchSegment(&req)
        guard let parsed = ResourcePath.parse(req.path, registry: registry) else {
            if req.method == "GET", let doc = OpenAPI.handle(req.path, registry: registry) { return doc }
            return Discovery.handle(req, registry: registry) ?? .error(.notFoundPath(request.path))
        }
        var rp: ResourcePath
        switch parsed {
        case .failure(let e): return .error(e)
        case .success(let p): rp = p
        }
        if viaWatchPath, let e = rp.watchingByPath(&req, path: request.path) { return .error(e) }
        let verb = Self.verb(req, rp)
        if let injected = await faults.intercept(verb: verb, resource: rp.definition.plural) {
            metrics.record(verb: verb, def: rp.definition, subresource: rp.subresource, code: injected.statusCode, seconds: (ContinuousClock.now - start).seconds)
            return injected
        }
        let response: APIResponse
        do {
            response = try await route(req, rp, verb: verb, attributes: attributes)
        } catch let e as APIError {
            response = .error(e)
        } catch {
            response = .error(.internalError("\(error)"))
        }
        metrics.record(verb: verb, def: rp.definition, subresource: rp.subresource, code: response.statusCode, seconds: (ContinuousClock.now - start).seconds)
        return response
    }

    /// The verb label kube-apiserver reports for a request.
    static func verb(_ req: APIRequest, _ rp: ResourcePath) -> String {
        switch req.method {
        case "GET": return rp.name != nil ? "GET" : (AuthorizationAttributes.isWatch(req.query) ? "WATCH" : "LIST")
        case "POST": return "POST"
        case "PUT": return "PUT"
        case "PATCH": return (req.header("Content-Type") ?? "").hasPrefix(PatchType.apply.contentType) ? "APPLY" : "PATCH"
        case "DELETE": return rp.name != nil ? "DELETE" : "DELETECOLLECTION"
        default: return req.method
        }
    }

    private func route(_ req: APIRequest, _ rp: ResourcePath, verb: String, attributes: AuthorizationAttributes?) async throws -> APIResponse {
        let def = rp.definition
        var options = WriteContext.from(req.query, userAgent: req.header("User-Agent"), now: clock())
        if AccessReviews.handles(def) {
            guard req.method == "POST", rp.name == nil else { throw APIError.methodNotAllowed() }
            guard let user = req.userInfo else { throw APIError.unauthorized }
            return .json(try review(def, namespace: rp.namespace, body: try parseBody(req), user: user), status: 201)
        }
        switch (req.method, rp.name) {
        case ("POST", let name?) where rp.subresource == "token":
            return .json(try createToken(namespace: rp.namespace ?? "", serviceAccount: name, body: try parseBody(req)), status: 201)
        case ("GET", nil):
            if verb == "WATCH" { return try watch(def, namespace: rp.namespace, query: req.query) }
            let list = try list(def, namespace: rp.namespace, query: req.query)
            if Tables.wantsTable(req.header("Accept")) {
                return Tables.table(def, objects: list["items"].arrayValue ?? [], listMeta: list["metadata"], now: clock())
            }
            return .json(list)
        case ("GET", let name?):
            if rp.subresource == "scale" { return .json(try getScale(def, namespace: rp.namespace, name: name)) }
            let obj = try get(def, namespace: rp.namespace, name: name)
            if rp.subresource == nil, Tables.wantsTable(req.header("Accept")) {
                return Tables.table(def, objects: [obj], listMeta: ["resourceVersion": obj["metadata"]["resourceVersion"]], now: clock())
            }
            return .json(obj)
        case ("POST", nil):
            let (obj, warnings) = try create(def, namespace: rp.namespace, body: try parseBody(req), options: options)
            return Self.withWarnings(.json(obj, status: 201), warnings)
        case ("PUT", let name?):
            if rp.subresource == "scale" { return .json(try replaceScale(def, namespace: rp.namespace, name: name, body: try parseBody(req), options: options)) }
            let (obj, warnings) = try update(def, namespace: rp.namespace, name: name, subresource: rp.subresource, body: try parseBody(req), options: options)
            return Self.withWarnings(.json(obj), warnings)
        case ("PATCH", let name?):
            let contentType = req.header("Content-Type") ?? ""
            guard let type = PatchType(contentType: contentType) else { throw APIError.unsupportedMediaType(contentType) }
            if let attributes { options.authorizeCreate = createAuthorization(attributes) }
            if rp.subresource == "scale" { return .json(try patchScale(def, namespace: rp.namespace, name: name, type: type, body: req.body, options: options)) }
            let (obj, created, warnings) = try patch(def, namespace: rp.namespace, name: name, subresource: rp.subresource, type: type, body: req.body, force: req.query["force"] == "true", options: options)
            return Self.withWarnings(.json(obj, status: created ? 201 : 200), warnings)
        case ("DELETE", let name?):
            let deleteOptions = try DeletionOptions.from(query: req.query, body: req.body)
            let (obj, immediately) = try delete(def, namespace: rp.namespace, name: name, options: deleteOptions, now: options.now)
            return .json(obj, status: immediately ? 200 : 202)
        case ("DELETE", nil):
            let deleteOptions = try DeletionOptions.from(query: req.query, body: req.body)
            return .json(try deleteCollection(def, namespace: rp.namespace, query: req.query, options: deleteOptions, now: options.now))
        default:
            throw APIError.methodNotAllowed()
        }
    }

    static func withWarnings(_ r: APIResponse, _ warnings: [String]) -> APIResponse {
        guard !warnings.isEmpty, case .full(let s, var h, let b) = r else { return r }
        for w in warnings { h.append(("Warning", "299 - \"\(w)\"")) }
        return .full(status: s, headers: h, body: b)
    }

    func parseBody(_ req: APIRequest) throws -> JSONValue {
        guard !req.body.isEmpty else { throw APIError.badRequest("the request body is empty") }
        let ct = (req.header("Content-Type") ?? "application/json").lowercased()
        if ct.contains("protobuf") {
            guard let obj = try? ProtobufBodies.decode(req.body) else { throw APIError.unsupportedMediaType(ct) }
            return obj
        }
        if ct.contains("yaml") || ct.contains("cbor") {
            throw APIError.unsupportedMediaType(ct)
        }
        do { return try JSONValue.parse(req.body) } catch {
            throw APIError.badRequest("the body of the request could not be decoded: \(error)")
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
