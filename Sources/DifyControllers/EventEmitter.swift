import DifyPlanners
import KubeCore
import KubeRuntime

/// Records the planners' events (which carry no secrets: names, revisions and counts only).
struct EventEmitter: Sendable {
    let recorder: EventRecorder?

    func emit<R: KubeResource>(_ events: [PlannedEvent], regarding object: R) {
        guard let recorder else { return }
        for e in events {
            recorder.record(regarding: .to(object), type: e.type == .warning ? .warning : .normal, reason: e.reason, action: Self.action(e.reason), note: e.message)
        }
    }

    /// The event's `action` (what the operator did or is doing), from its reason.
    static func action(_ reason: String) -> String {
        switch reason {
        case "InvalidSpec", "ModelInvalid", "ModelFailed", "ModelNotFound", "PreloadFailed", "ProgressDeadlineExceeded": return "Validate"
        case "WaitingForModel", "Preloading", "ModelReady": return "Wait"
        case "Scaled": return "Scale"
        case "RevisionRetired", "DeletedAutoscaler": return "Delete"
        case "RollingUpdate", "RolloutComplete": return "Rollout"
        case "ApplyFailed": return "Apply"
        default: return "Create"
        }
    }
}
