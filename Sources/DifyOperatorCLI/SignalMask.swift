import Foundation

/// Makes SIGINT and SIGTERM deliverable to this process. A process inherits its parent's
/// blocked-signal mask across fork and exec; a parent that blocked them (some runtimes embedded
/// in a launcher do, e.g. Go's in a Python process) would leave `run` and `dev` deaf to the
/// shutdown signal a Kubernetes kubelet or a shell sends. Call first, before threads start, so
/// every thread inherits the unblocked mask.
enum SignalMask {
    static func unblockTermination() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
