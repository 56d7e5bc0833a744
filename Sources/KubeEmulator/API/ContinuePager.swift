import Foundation
import KubeCore
import Synchronization

/// Pagination over a consistent snapshot, as etcd serves `limit`/`continue` at one revision.
/// Tokens expire after `ttl` (kube-apiserver: about 5 minutes, bounded by etcd compaction) or
/// when the store's history is compacted past their revision, and then answer 410 Expired.
final class ContinuePager: Sendable {
    /// kube-apiserver's continue-token lifetime is bounded by etcd's compaction interval (5 min).
    static let defaultTTL: TimeInterval = 300

    struct Snapshot { var items: [JSONValue]; var revision: Int64; var created: Date }
    let ttl: TimeInterval
    private let snapshots = Mutex<[String: Snapshot]>([:])

    init(ttl: TimeInterval) { self.ttl = ttl }

    struct Page { var items: [JSONValue]; var revision: Int64; var token: String?; var remaining: Int? }

    static let expiredMessage = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."

    func start(items: [JSONValue], revision: Int64, limit: Int) -> Page {
        let id = UUID().uuidString
        let now = Date()
        snapshots.withLock { s in
            s = s.filter { now.timeIntervalSince($0.value.created) < ttl }
            s[id] = Snapshot(items: items, revision: revision, created: now)
        }
        return page(id: id, offset: 0, limit: limit, items: items, revision: revision)
    }

    func next(token: String, limit: Int, compactedRevision: Int64) throws -> Page {
        guard let data = Data(base64Encoded: token), let t = try? JSONValue.parse(data), let id = t["id"].stringValue, let offset = t["offset"].intValue else {
            throw APIError.badRequest("continue key is not valid: illegal base64 data")
        }
        let snap = snapshots.withLock { $0[id] }
        guard let snap, Date().timeIntervalSince(snap.created) < ttl, snap.revision >= compactedRevision else {
            snapshots.withLock { _ = $0.removeValue(forKey: id) }
            throw APIError.expired(Self.expiredMessage)
        }
        return page(id: id, offset: Int(offset), limit: limit > 0 ? limit : snap.items.count, items: snap.items, revision: snap.revision)
    }

    /// Forgets every snapshot (a fault: outstanding tokens expire).
    func expireAll() { snapshots.withLock { $0.removeAll() } }

    private func page(id: String, offset: Int, limit: Int, items: [JSONValue], revision: Int64) -> Page {
        let end = min(offset + limit, items.count)
        let slice = offset < items.count ? Array(items[offset..<end]) : []
        if end >= items.count {
            snapshots.withLock { _ = $0.removeValue(forKey: id) }
            return Page(items: slice, revision: revision, token: nil, remaining: nil)
        }
        let token = Data((["id": .string(id), "offset": .int(Int64(end)), "rv": .int(revision)] as JSONValue).serialized()).base64EncodedString()
        return Page(items: slice, revision: revision, token: token, remaining: items.count - end)
    }
}
