import Foundation
import KubeClient
import KubeCore
import Logging
import Metrics
import Synchronization

/// The type of an event: `Normal` or `Warning` (the only two the API server accepts).
public enum EventType: String, Sendable, Equatable {
    case normal = "Normal"
    case warning = "Warning"
}

extension ObjectReference {
    /// A reference to a typed object, for ``EventRecorder/record(regarding:related:type:reason:action:note:)``.
    public static func to<R: KubeResource>(_ object: R) -> ObjectReference {
        ObjectReference(
            kind: R.kind, namespace: object.metadata.namespace, name: object.metadata.name, uid: object.metadata.uid,
            apiVersion: R.apiVersion, resourceVersion: object.metadata.resourceVersion)
    }
}

/// Records `events.k8s.io/v1` Events, as client-go's `tools/events` recorder does:
///
/// - **Series**: a repeat of the same (regarding, related, type, reason, action, note) within
///   ``Options/seriesWindowSeconds`` of the last occurrence does not create a new Event; the
///   existing one is PATCHed with `series.count` and `series.lastObservedTime`.
/// - **Spam filter**: a token bucket per regarding object (client-go's
///   `EventSourceObjectSpamFilter`: burst 25, one token per 5 minutes) and a global bucket; an
///   event over either limit is dropped and counted (``droppedCount``, metric
///   `events_dropped_total{reason}`).
/// - **Never blocks**: ``record(regarding:related:type:reason:action:note:)`` only enqueues; one
///   background task writes in order. When the queue is full the event is dropped and counted.
///   Write failures are logged, never thrown to the caller.
/// - Notes are truncated to ``Options/maxNoteBytes`` (1 KiB, the API's limit).
///
/// **Callers must never put secrets in notes** (tokens, passwords, keys, connection strings):
/// Events are readable by anyone who may list events in the namespace and are kept for an hour.
public final class EventRecorder: Sendable {
    /// Tunables, with client-go's defaults where it has one.
    public struct Options: Sendable {
        /// Repeats within this time of the last occurrence join its series (client-go: 6 minutes).
        public static let defaultSeriesWindowSeconds = 6.0 * 60
        /// Per regarding object: bucket size (client-go `defaultSpamBurst`).
        public static let defaultPerObjectBurst = 25
        /// Per regarding object: one token per 5 minutes (client-go `defaultSpamQPS` = 1/300).
        public static let defaultPerObjectRefillPerSecond = 1.0 / 300
        /// All objects together: bucket size.
        public static let defaultGlobalBurst = 100
        /// All objects together: refill rate.
        public static let defaultGlobalRefillPerSecond = 1.0
        /// Events waiting to be written before new ones are dropped.
        public static let defaultQueueCapacity = 1000
        /// The API's limit on `note`, in UTF-8 bytes.
        public static let maxNoteBytes = 1024

        public var seriesWindowSeconds = defaultSeriesWindowSeconds
        public var perObjectBurst = defaultPerObjectBurst
        public var perObjectRefillPerSecond = defaultPerObjectRefillPerSecond
        public var globalBurst = defaultGlobalBurst
        public var globalRefillPerSecond = defaultGlobalRefillPerSecond
        public var queueCapacity = defaultQueueCapacity

        public init() {}
    }

    /// Metric counting events not written: label `reason` is `rate_limited`, `queue_full` or `write_failed`.
    public static let droppedMetricName = "events_dropped_total"

    struct Pending: Sendable {
        var regarding: ObjectReference
        var related: ObjectReference?
        var type: EventType
        var reason: String
        var action: String
        var note: String
        var time: Double
        var key: String
    }

    private struct Limits: Sendable {
        var global: TokenBucket
        var perObject: [String: TokenBucket] = [:]
    }

    public let reportingController: String
    public let reportingInstance: String
    public let options: Options
    private let clock: any KubeClock
    private let logger: Logger
    private let limits: Mutex<Limits>
    private let dropped = Mutex(0)
    private let continuation: AsyncStream<Pending>.Continuation
    private let worker: Task<Void, Never>
    private let droppedRateLimited: Counter
    private let droppedQueueFull: Counter

    /// - Parameters:
    ///   - reportingController: the component, e.g. `dify.ai/dify-operator` (required by the API).
    ///   - reportingInstance: this replica, e.g. the pod name (required by the API).
    public init(
        client: KubernetesClient, reportingController: String, reportingInstance: String, options: Options = Options(),
        clock: any KubeClock = SystemClock(), metricsFactory: (any MetricsFactory)? = nil,
        logger: Logger = Logger(label: "event-recorder")
    ) {
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.options = options
        self.clock = clock
        self.logger = logger
        self.limits = Mutex(Limits(global: TokenBucket(burst: options.globalBurst, refillPerSecond: options.globalRefillPerSecond, now: clock.now())))
        func counter(_ reason: String) -> Counter {
            let dims = [("reason", reason)]
            if let metricsFactory { return Counter(label: Self.droppedMetricName, dimensions: dims, factory: metricsFactory) }
            return Counter(label: Self.droppedMetricName, dimensions: dims)
        }
        droppedRateLimited = counter("rate_limited")
        droppedQueueFull = counter("queue_full")
        let writeFailed = counter("write_failed")
        let (stream, continuation) = AsyncStream.makeStream(of: Pending.self, bufferingPolicy: .bufferingOldest(options.queueCapacity))
        self.continuation = continuation
        let writer = EventWriter(
            events: client.resource(Event.self), reportingController: reportingController, reportingInstance: reportingInstance,
            seriesWindowSeconds: options.seriesWindowSeconds, logger: logger)
        worker = Task {
            var writer = writer
            for await event in stream {
                if !(await writer.write(event)) { writeFailed.increment() }
            }
        }
    }

    deinit { continuation.finish() }

    /// Events dropped so far by the rate limits or a full queue.
    public var droppedCount: Int { dropped.withLock { $0 } }

    /// Queues an event about `regarding`; returns at once. Returns false if it was dropped (rate
    /// limited or queue full). `reason` and `action` are UpperCamelCase; `note` is for humans,
    /// is truncated to 1 KiB and **must not contain secrets**.
    @discardableResult
    public func record(
        regarding: ObjectReference, related: ObjectReference? = nil, type: EventType, reason: String, action: String, note: String
    ) -> Bool {
        let now = clock.now()
        let objectKey = Self.referenceKey(regarding)
        let allowed = limits.withLock { l -> Bool in
            var bucket = l.perObject[objectKey] ?? TokenBucket(burst: options.perObjectBurst, refillPerSecond: options.perObjectRefillPerSecond, now: now)
            // Take from the global bucket only if the object's bucket has a token, so that one
            // noisy object cannot drain the global budget with events that are dropped anyway.
            guard bucket.hasToken(now: now), l.global.tryTake(now: now) else {
                l.perObject[objectKey] = bucket
                return false
            }
            _ = bucket.tryTake(now: now)
            l.perObject[objectKey] = bucket
            if l.perObject.count > 4096 {
                l.perObject = l.perObject.filter { _, b in var b = b; return !b.isFull(now: now) }
            }
            return true
        }
        guard allowed else {
            drop(droppedRateLimited, reason: reason, regarding: objectKey, why: "rate limited")
            return false
        }
        let truncated = Self.truncate(note, maxBytes: Options.maxNoteBytes)
        let key = [objectKey, related.map(Self.referenceKey) ?? "", type.rawValue, reason, action, truncated].joined(separator: "\u{1F}")
        let pending = Pending(regarding: regarding, related: related, type: type, reason: reason, action: action, note: truncated, time: now, key: key)
        if case .dropped = continuation.yield(pending) {
            drop(droppedQueueFull, reason: reason, regarding: objectKey, why: "queue full")
            return false
        }
        return true
    }

    /// Stops accepting events and waits until the queued ones are written.
    public func shutdown() async {
        continuation.finish()
        await worker.value
    }

    private func drop(_ counter: Counter, reason: String, regarding: String, why: String) {
        dropped.withLock { $0 += 1 }
        counter.increment()
        logger.debug("event dropped", metadata: ["why": "\(why)", "reason": "\(reason)", "regarding": "\(regarding)"])
    }

    static func referenceKey(_ r: ObjectReference) -> String {
        [r.apiVersion ?? "", r.kind ?? "", r.namespace ?? "", r.name ?? "", r.uid ?? "", r.fieldPath ?? ""].joined(separator: "/")
    }

    /// The longest prefix of `note` of at most `maxBytes` UTF-8 bytes, cut between characters.
    static func truncate(_ note: String, maxBytes: Int) -> String {
        guard note.utf8.count > maxBytes else { return note }
        var out = ""
        var bytes = 0
        for ch in note {
            let n = ch.utf8.count
            if bytes + n > maxBytes { break }
            out.append(ch)
            bytes += n
        }
        return out
    }
}

/// The single writer behind an ``EventRecorder``: creates Events and merges repeats into series.
struct EventWriter: Sendable {
    struct SeriesEntry: Sendable {
        var name: String
        var namespace: String
        var count: Int32
        var lastObserved: Double
    }

    /// How many series to remember before forgetting finished ones.
    static let seriesCacheLimit = 4096

    let events: ResourceClient<Event>
    let reportingController: String
    let reportingInstance: String
    let seriesWindowSeconds: Double
    let logger: Logger
    var series: [String: SeriesEntry] = [:]
    var sequence: UInt64 = 0

    init(events: ResourceClient<Event>, reportingController: String, reportingInstance: String, seriesWindowSeconds: Double, logger: Logger) {
        self.events = events
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.seriesWindowSeconds = seriesWindowSeconds
        self.logger = logger
    }

    /// Writes one event; false if the API server refused it.
    mutating func write(_ e: EventRecorder.Pending) async -> Bool {
        if var entry = series[e.key], e.time - entry.lastObserved <= seriesWindowSeconds {
            entry.count += 1
            let s = EventSeries(count: entry.count, lastObservedTime: MicroTime(Date(timeIntervalSince1970: e.time)))
            do {
                let patch: JSONValue = ["series": try JSONValue(encoding: s)]
                _ = try await events.patch(entry.name, namespace: entry.namespace, type: .merge, patch)
                entry.lastObserved = e.time
                series[e.key] = entry
                return true
            } catch let error as KubeError where error.isNotFound {
                series[e.key] = nil  // expired or deleted: start a new event
            } catch {
                logger.warning("failed to update event series", metadata: ["event": "\(entry.namespace)/\(entry.name)", "error": "\(error)"])
                return false
            }
        }
        let namespace = (e.regarding.namespace?.isEmpty == false ? e.regarding.namespace : nil) ?? "default"
        sequence &+= 1
        // client-go names events `<regarding name>.<unix nanos in hex>`; a sequence number keeps
        // names unique within one process.
        let stamp = String(UInt64(max(0, e.time) * 1_000_000_000), radix: 16)
        let name = "\(e.regarding.name ?? "event").\(stamp)\(String(sequence, radix: 16))"
        let event = Event(
            metadata: ObjectMeta(name: name, namespace: namespace),
            eventTime: MicroTime(Date(timeIntervalSince1970: e.time)),
            reportingController: reportingController, reportingInstance: reportingInstance,
            action: e.action, reason: e.reason, regarding: e.regarding, related: e.related, note: e.note, type: e.type.rawValue)
        do {
            _ = try await events.create(event, namespace: namespace)
        } catch {
            logger.warning("failed to create event", metadata: ["event": "\(namespace)/\(name)", "reason": "\(e.reason)", "error": "\(error)"])
            return false
        }
        if series.count >= Self.seriesCacheLimit {
            series = series.filter { e.time - $0.value.lastObserved <= seriesWindowSeconds }
        }
        series[e.key] = SeriesEntry(name: name, namespace: namespace, count: 1, lastObserved: e.time)
        return true
    }
}
