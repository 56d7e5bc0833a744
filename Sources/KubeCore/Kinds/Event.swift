/// `events.k8s.io/v1 Event`: a report of something that happened to an object. The fields sit at
/// the top level (no spec).
public struct Event: KubeResource, Equatable {
    public static let group = "events.k8s.io"
    public static let version = "v1"
    public static let kind = "Event"
    public static let plural = "events"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "events.k8s.io/v1"
    public var kind: String = "Event"
    public var metadata: ObjectMeta
    /// When the event was first observed. Required on create, but the API server returns `null` for
    /// events written through the core v1 API, so it decodes as optional.
    public var eventTime: MicroTime?
    /// Set when the event is one of a series of repeated occurrences.
    public var series: EventSeries?
    /// The component that emitted the event, e.g. `kubernetes.io/kubelet` or `example.com/my-
    /// operator`.
    public var reportingController: String?
    /// The instance of the controller, e.g. the pod name or `kubelet-node1`.
    public var reportingInstance: String?
    /// What was done, or what failed, e.g. `Scaling`; UpperCamelCase.
    public var action: String?
    /// Why the action was taken; UpperCamelCase.
    public var reason: String?
    /// The object this event is about.
    public var regarding: ObjectReference?
    /// A secondary object, for more complex actions.
    public var related: ObjectReference?
    /// Human-readable description, at most 1 kB.
    public var note: String?
    /// `Normal` or `Warning`.
    public var type: String?
    /// The core v1 `source`, for compatibility.
    public var deprecatedSource: EventSource?
    /// The core v1 `firstTimestamp`, for compatibility.
    public var deprecatedFirstTimestamp: Time?
    /// The core v1 `lastTimestamp`, for compatibility.
    public var deprecatedLastTimestamp: Time?
    /// The core v1 `count`, for compatibility.
    public var deprecatedCount: Int32?

    public init(
        metadata: ObjectMeta = ObjectMeta(), eventTime: MicroTime? = nil, series: EventSeries? = nil,
        reportingController: String? = nil, reportingInstance: String? = nil, action: String? = nil,
        reason: String? = nil, regarding: ObjectReference? = nil, related: ObjectReference? = nil,
        note: String? = nil, type: String? = nil, deprecatedSource: EventSource? = nil,
        deprecatedFirstTimestamp: Time? = nil, deprecatedLastTimestamp: Time? = nil, deprecatedCount: Int32? = nil
    ) {
        self.metadata = metadata
        self.eventTime = eventTime
        self.series = series
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.action = action
        self.reason = reason
        self.regarding = regarding
        self.related = related
        self.note = note
        self.type = type
        self.deprecatedSource = deprecatedSource
        self.deprecatedFirstTimestamp = deprecatedFirstTimestamp
        self.deprecatedLastTimestamp = deprecatedLastTimestamp
        self.deprecatedCount = deprecatedCount
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, eventTime, series, reportingController, reportingInstance, action
        case reason, regarding, related, note, type, deprecatedSource, deprecatedFirstTimestamp
        case deprecatedLastTimestamp, deprecatedCount
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        eventTime = try c.decodeIfPresent(MicroTime.self, forKey: .eventTime)
        series = try c.decodeIfPresent(EventSeries.self, forKey: .series)
        reportingController = try c.decodeIfPresent(String.self, forKey: .reportingController)
        reportingInstance = try c.decodeIfPresent(String.self, forKey: .reportingInstance)
        action = try c.decodeIfPresent(String.self, forKey: .action)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        regarding = try c.decodeIfPresent(ObjectReference.self, forKey: .regarding)
        related = try c.decodeIfPresent(ObjectReference.self, forKey: .related)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        deprecatedSource = try c.decodeIfPresent(EventSource.self, forKey: .deprecatedSource)
        deprecatedFirstTimestamp = try c.decodeIfPresent(Time.self, forKey: .deprecatedFirstTimestamp)
        deprecatedLastTimestamp = try c.decodeIfPresent(Time.self, forKey: .deprecatedLastTimestamp)
        deprecatedCount = try c.decodeIfPresent(Int32.self, forKey: .deprecatedCount)
    }
}

/// `events.k8s.io/v1 EventSeries` (and `core/v1 EventSeries`, of the same shape): data about
/// repeats of an event.
public struct EventSeries: Codable, Sendable, Equatable {
    /// Occurrences so far.
    public var count: Int32
    public var lastObservedTime: MicroTime

    public init(count: Int32, lastObservedTime: MicroTime) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}

/// `core/v1 EventSource`: the component (and host) that generated an event.
public struct EventSource: Codable, Sendable, Equatable {
    public var component: String?
    public var host: String?

    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// `core/v1 ObjectReference`: a reference to an object, possibly to a field within it.
public struct ObjectReference: Codable, Sendable, Equatable {
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var apiVersion: String?
    /// The version of the object the reference was taken from.
    public var resourceVersion: String?
    /// A field within the object, e.g. `spec.containers{app}`.
    public var fieldPath: String?

    public init(
        kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil,
        apiVersion: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}
