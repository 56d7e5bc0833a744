import DifyAPI

/// How long a serving pod may take to load the model before the kubelet restarts it: the
/// budget of its `startupProbe` (gpu-and-mig.md: an 8B model loads from local disk in about a
/// minute, a 70B+ model over the network takes 15–20 minutes without a cache, and probes with
/// a fixed initial delay kill pods that are still loading).
///
/// `startup.timeoutSeconds` when set; otherwise, with `size`:
///
///     budget = 300 s + 10 s per GB (10⁹ bytes) of weights, capped at 7200 s
///
/// i.e. five minutes for engine start-up and CUDA initialisation plus a download or load at
/// 100 MB/s (8B bfloat16: 460 s; 70B bfloat16: 1700 s, above the reference's 15–20 minutes;
/// 7B int4: 340 s); without `size`, 1800 s. The probe checks every ``periodSeconds`` and gives
/// up after `ceil(budget / periodSeconds)` failures.
public enum StartupBudget {
    /// Engine start-up before any weights are read.
    public static let baseSeconds: Int64 = 300
    /// Seconds per 10⁹ bytes of weights (100 MB/s).
    public static let secondsPerGB: Int64 = 10
    /// The most a derived budget grows to (two hours).
    public static let maximumSeconds: Int64 = 7200
    /// The budget without `size`: 30 minutes.
    public static let defaultSeconds: Int32 = 1800
    /// The startup probe's period.
    public static let periodSeconds: Int32 = 10

    /// The budget for `spec`, or the problem with `startup.timeoutSeconds` or `size`.
    public static func seconds(for spec: DifyModelSpec) -> Result<Int32, SpecProblem> {
        if let timeout = spec.startup?.timeoutSeconds {
            guard timeout >= 1 else {
                return .failure(SpecProblem(field: "spec.startup.timeoutSeconds", reason: EngineReason.invalidStartupTimeout,
                                            message: "spec.startup.timeoutSeconds must be at least 1 (got \(timeout)); omit it for a budget derived from spec.size"))
            }
            return .success(timeout)
        }
        guard let size = spec.size else { return .success(defaultSeconds) }
        return MemoryEstimator.estimate(size).map { seconds(weightsBytes: $0.weightsBytes) }
    }

    /// The derived budget for `weightsBytes` of weights.
    public static func seconds(weightsBytes: Int64) -> Int32 {
        let gigabytes = (weightsBytes + 999_999_999) / 1_000_000_000
        return Int32(min(baseSeconds + secondsPerGB * gigabytes, maximumSeconds))
    }

    /// Failures the startup probe tolerates for a budget: `ceil(seconds / periodSeconds)`.
    public static func failureThreshold(forSeconds seconds: Int32) -> Int32 {
        max(1, (seconds + periodSeconds - 1) / periodSeconds)
    }
}
