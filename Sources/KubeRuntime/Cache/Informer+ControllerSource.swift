/// An informer is a controller ``ControllerSource``: each call to `events()` is a new subscription
/// that starts with the cached objects as `added` (so a controller that starts after the
/// informer still sees every object), followed by live changes.
extension Informer: ControllerSource {
    public func events() -> AsyncStream<SourceEvent<Object>> {
        let upstream = subscribe(replayExisting: true)
        let (stream, continuation) = AsyncStream<SourceEvent<Object>>.makeStream()
        let task = Task {
            for await e in upstream {
                switch e {
                case .added(let o): continuation.yield(.added(o))
                case .updated(let old, let new): continuation.yield(.updated(old: old, new: new))
                case .deleted(let o): continuation.yield(.deleted(o))
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
