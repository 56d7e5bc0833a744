import Foundation
import KubeCore

/// Who is asking and how: the options shared by every write.
public struct WriteContext: Sendable {
    /// The field manager: `fieldManager` from the query, else derived from the User-Agent
    /// (`kubectl-client-side-apply`, `kubectl-edit`...) as kube-apiserver does.
    public var manager: String
    public var dryRun: Bool
    /// `fieldValidation`: Strict, Warn (default) or Ignore.
    public var fieldValidation: String
    public var now: Date
    /// The `fieldManager` query parameter exactly as sent (required for apply).
    public var managerFromQuery: String?
    /// Set on PATCH requests that authorization applies to: throws 403 unless the requester may
    /// also `create` the object, checked just before a patch (apply) creates a missing object.
    var authorizeCreate: (@Sendable () throws -> Void)?

    public init(manager: String, dryRun: Bool = false, fieldValidation: String = "Warn", now: Date, managerFromQuery: String? = nil) {
        self.manager = manager
        self.dryRun = dryRun
        self.fieldValidation = fieldValidation
        self.now = now
        self.managerFromQuery = managerFromQuery
    }

    static func from(_ query: [String: String], userAgent: String?, now: Date) -> WriteContext {
        WriteContext(
            manager: query["fieldManager"].flatMap { $0.isEmpty ? nil : $0 } ?? managerName(userAgent: userAgent),
            dryRun: query["dryRun"] == "All",
            fieldValidation: query["fieldValidation"] ?? "Warn",
            now: now,
            managerFromQuery: query["fieldManager"]
        )
    }

    /// kube-apiserver's default manager: the User-Agent's program name (up to the first `/`).
    static func managerName(userAgent: String?) -> String {
        guard let ua = userAgent, !ua.isEmpty else { return "unknown" }
        return String(ua.split(separator: "/").first ?? Substring(ua))
    }
}
