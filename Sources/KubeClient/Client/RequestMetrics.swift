import KubeCore

/// What the client reports about each HTTP round trip, for the runtime's `/metrics`.
public struct RequestMetric: Sendable {
    public var verb: APIVerb
    public var resource: GroupVersionResource?
    public var subresource: String?
    /// The HTTP status code, or nil when no answer came (transport error).
    public var code: Int?
    public var latencySeconds: Double
    /// 0 for the first try, then 1, 2, ... for retries.
    public var attempt: Int
}

/// Receives a ``RequestMetric`` after every HTTP round trip (retries included).
public protocol RequestObserver: Sendable {
    func observe(_ metric: RequestMetric)
}
