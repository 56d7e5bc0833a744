import KubeCore
import Synchronization

/// The resources being served right now: the built-in kinds plus one entry per served version of
/// every established CustomResourceDefinition. Safe for concurrent readers.
public final class ResourceRegistry: Sendable {
    private let state: Mutex<[String: ResourceDefinition]>

    public init() {
        var m: [String: ResourceDefinition] = [:]
        for d in BuiltinResources.all { m[Self.key(d.group, d.version, d.plural)] = d }
        state = Mutex(m)
    }

    static func key(_ group: String, _ version: String, _ plural: String) -> String { "\(group)/\(version)/\(plural)" }

    public func lookup(group: String, version: String, plural: String) -> ResourceDefinition? {
        state.withLock { $0[Self.key(group, version, plural)] }
    }

    /// The definition for an apiVersion and kind (used by garbage collection to resolve owners).
    public func lookup(apiVersion: String, kind: String) -> ResourceDefinition? {
        state.withLock { m in m.values.first { $0.apiVersion == apiVersion && $0.kind == kind } }
    }

    public var all: [ResourceDefinition] { state.withLock { Array($0.values) } }

    /// Every definition sharing a storage key (the versions of one resource).
    public func versions(ofStorageKey key: String) -> [ResourceDefinition] {
        state.withLock { m in m.values.filter { $0.storageKey == key } }
    }

    public func register(_ d: ResourceDefinition) {
        state.withLock { $0[Self.key(d.group, d.version, d.plural)] = d }
    }

    /// Removes every version of a custom resource (its CRD was deleted).
    public func unregister(group: String, plural: String) {
        state.withLock { m in
            for (k, d) in m where d.group == group && d.plural == plural && d.isCustom { m.removeValue(forKey: k) }
        }
    }

    /// The groups served, with their versions, in discovery order (core first, then by name).
    public var groups: [(group: String, versions: [String])] {
        let defs = all
        var byGroup: [String: Set<String>] = [:]
        for d in defs { byGroup[d.group, default: []].insert(d.version) }
        return byGroup.keys.sorted().map { g in (g, byGroup[g]!.sorted(by: Self.versionOrder)) }
    }

    /// Kubernetes version priority: GA > beta > alpha, higher numbers first (v2 > v1 > v1beta1).
    static func versionOrder(_ a: String, _ b: String) -> Bool {
        func rank(_ v: String) -> (Int, Int, Int) {
            let s = v.dropFirst()
            let major = Int(s.prefix { $0.isNumber }) ?? 0
            let rest = s.drop { $0.isNumber }
            if rest.isEmpty { return (3, major, 0) }
            let level = rest.hasPrefix("beta") ? 2 : rest.hasPrefix("alpha") ? 1 : 0
            let minor = Int(rest.drop { !$0.isNumber }) ?? 0
            return (level, major, minor)
        }
        return rank(a) > rank(b)
    }
}
