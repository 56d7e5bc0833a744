/// `core/v1 Event` (the legacy events API, still what `kubectl get events` lists). Named
/// `CoreEvent` in Swift to tell it apart from the `events.k8s.io/v1` ``Event``; the wire kind is
/// `Event`.
public struct CoreEvent: KubeResource, Equatable {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Event"
    public static let plural = "events"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "v1"
    public var kind: String = "Event"
    public var metadata: ObjectMeta
    /// The object this event is about.
    public var involvedObject: ObjectReference
    /// Why the event happened; UpperCamelCase, e.g. `Scheduled` or `BackOff`.
    public var reason: String?
    public var message: String?
    public var source: EventSource?
    public var firstTimestamp: Time?
    public var lastTimestamp: Time?
    /// Occurrences of this event (deduplicated by the recorder).
    public var count: Int32?
    /// `Normal` or `Warning`.
    public var type: String?
    /// Set by events written through `events.k8s.io`; usually `null` otherwise.
    public var eventTime: MicroTime?
    public var series: EventSeries?
    public var action: String?
    public var related: ObjectReference?
    public var reportingComponent: String?
    public var reportingInstance: String?

    public init(
        metadata: ObjectMeta = ObjectMeta(), involvedObject: ObjectReference, reason: String? = nil,
        message: String? = nil, source: EventSource? = nil, firstTimestamp: Time? = nil, lastTimestamp: Time? = nil,
        count: Int32? = nil, type: String? = nil, eventTime: MicroTime? = nil, series: EventSeries? = nil,
        action: String? = nil, related: ObjectReference? = nil, reportingComponent: String? = nil,
        reportingInstance: String? = nil
    ) {
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.type = type
        self.eventTime = eventTime
        self.series = series
        self.action = action
        self.related = related
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp
        case count, type, eventTime, series, action, related, reportingComponent, reportingInstance
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        involvedObject = try c.decode(ObjectReference.self, forKey: .involvedObject)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        source = try c.decodeIfPresent(EventSource.self, forKey: .source)
        firstTimestamp = try c.decodeIfPresent(Time.self, forKey: .firstTimestamp)
        lastTimestamp = try c.decodeIfPresent(Time.self, forKey: .lastTimestamp)
        count = try c.decodeIfPresent(Int32.self, forKey: .count)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        eventTime = try c.decodeIfPresent(MicroTime.self, forKey: .eventTime)
        series = try c.decodeIfPresent(EventSeries.self, forKey: .series)
        action = try c.decodeIfPresent(String.self, forKey: .action)
        related = try c.decodeIfPresent(ObjectReference.self, forKey: .related)
        reportingComponent = try c.decodeIfPresent(String.self, forKey: .reportingComponent)
        reportingInstance = try c.decodeIfPresent(String.self, forKey: .reportingInstance)
    }
}
