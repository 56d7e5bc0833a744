import KubeCore

/// The probes of the serving container, all HTTP GETs of the engine's health path on the
/// named port. The startup probe carries the model's loading budget (``StartupBudget``);
/// readiness and liveness start only after it succeeds, so neither needs an initial delay.
public enum ServingProbes {
    /// Readiness: every 10 s, out of service after 3 failures.
    public static let readinessPeriodSeconds: Int32 = 10
    /// Readiness failures before the pod leaves the Service's endpoints.
    public static let readinessFailureThreshold: Int32 = 3
    /// Liveness: every 20 s, restarted after 3 failures (a minute of a hung server).
    public static let livenessPeriodSeconds: Int32 = 20
    /// Liveness failures before the kubelet restarts the server.
    public static let livenessFailureThreshold: Int32 = 3
    /// Each probe request's timeout: a busy engine can take more than the kubelet's default
    /// 1 s to answer `/health`, and a timed-out liveness probe restarts a healthy server.
    public static let timeoutSeconds: Int32 = 5

    static func get(_ path: String) -> HTTPGetAction {
        HTTPGetAction(path: path, port: .string(ServingPodBuilder.portName))
    }

    /// The startup probe for a budget of `seconds`.
    public static func startup(path: String, seconds: Int32) -> Probe {
        Probe(httpGet: get(path), periodSeconds: StartupBudget.periodSeconds, timeoutSeconds: timeoutSeconds,
              failureThreshold: StartupBudget.failureThreshold(forSeconds: seconds))
    }

    /// The readiness probe: out of the Service's endpoints after 30 s of failures.
    public static func readiness(path: String) -> Probe {
        Probe(httpGet: get(path), periodSeconds: readinessPeriodSeconds, timeoutSeconds: timeoutSeconds,
              failureThreshold: readinessFailureThreshold)
    }

    /// The liveness probe: restarted after a minute of failures.
    public static func liveness(path: String) -> Probe {
        Probe(httpGet: get(path), periodSeconds: livenessPeriodSeconds, timeoutSeconds: timeoutSeconds,
              failureThreshold: livenessFailureThreshold)
    }
}
