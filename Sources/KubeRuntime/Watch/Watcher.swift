import KubeClient
import KubeCore
import Logging

/// A LIST+WATCH loop over one resource, as an `AsyncSequence` of ``WatcherEvent``s: the driver
/// of the pure ``WatcherStateMachine`` (kube-rs's `watcher()`, client-go's `Reflector`).
///
/// - LIST pages of ``WatcherConfiguration/pageSize`` with `continue` tokens; the first page's
///   `resourceVersion` is where the WATCH starts.
/// - WATCH with `allowWatchBookmarks=true` and `timeoutSeconds` =
///   ``WatcherConfiguration/defaultWatchTimeoutSeconds``; every event and bookmark moves the
///   resume point, so a re-watch never misses or repeats a change.
/// - 410 Gone (an ERROR event or a thrown ``KubeError`` with `isGone`) relists; a normal close
///   re-watches immediately; other errors back off (``Backoff``) and never end the sequence.
///
/// The sequence never finishes on its own. Cancelling the consuming task (or dropping the
/// iterator) ends it and closes the open HTTP stream.
public struct Watcher<Source: WatchSource>: AsyncSequence, Sendable {
    public typealias Object = Source.Object
    public typealias Element = WatcherEvent<Object>
    public typealias Failure = Never

    public let source: Source
    public let configuration: WatcherConfiguration
    /// Restart and relist counters, shared by every iterator of this watcher.
    public let statistics: WatcherStatsRecorder
    let clock: any KubeClock
    let random: Backoff.RandomSource
    let logger: Logger

    public init(
        source: Source, configuration: WatcherConfiguration = WatcherConfiguration(), clock: any KubeClock = SystemClock(),
        random: @escaping Backoff.RandomSource = Backoff.systemRandom, logger: Logger = Logger(label: "kube-runtime.watcher")
    ) {
        self.source = source
        self.configuration = configuration
        self.clock = clock
        self.random = random
        self.statistics = WatcherStatsRecorder(resource: source.resourceName)
        var logger = logger
        logger[metadataKey: "resource"] = "\(source.resourceName)"
        self.logger = logger
    }

    public func makeAsyncIterator() -> Iterator { Iterator(watcher: self) }

    /// Runs the state machine, performing its I/O on demand as the consumer pulls.
    public struct Iterator: AsyncIteratorProtocol {
        public typealias Element = WatcherEvent<Object>
        public typealias Failure = Never

        let watcher: Watcher
        var machine: WatcherStateMachine<Object>
        var stream: Source.Events.AsyncIterator?
        var pending: [Element] = []
        var pendingIndex = 0

        init(watcher: Watcher) {
            self.watcher = watcher
            self.machine = WatcherStateMachine(
                backoff: Backoff(configuration: watcher.configuration.backoff, random: watcher.random),
                resourceVersionOf: { ObjectMetadataView.of($0).resourceVersion })
        }

        /// The current state (for diagnostics and tests).
        public var state: WatcherState { machine.state }

        public mutating func next() async -> Element? {
            while true {
                if pendingIndex < pending.count {
                    pendingIndex += 1
                    return pending[pendingIndex - 1]
                }
                pending = []
                pendingIndex = 0
                guard !Task.isCancelled else { return finish() }
                guard let input = await perform(machine.nextAction) else { return finish() }
                pending = machine.step(input, now: watcher.clock.now())
                if case .watching = machine.state {} else { stream = nil }  // leaving a watch closes it
                watcher.statistics.record(machine.stats)
                if case .backingOff(let resume, let delay) = machine.state {
                    watcher.logger.debug("watcher backing off", metadata: ["delaySeconds": "\(delay)", "resume": "\(resume)"])
                }
            }
        }

        private mutating func finish() -> Element? {
            stream = nil
            return nil
        }

        /// Performs one action; nil when the task was cancelled.
        private mutating func perform(_ action: WatcherAction) async -> WatcherInput<Object>? {
            let config = watcher.configuration
            switch action {
            case .list(let token):
                do {
                    let page = try await watcher.source.listPage(options: config.listOptions(continueToken: token))
                    return .listPage(items: page.items, continueToken: page.metadata.continue, resourceVersion: page.metadata.resourceVersion)
                } catch {
                    return failure(error, during: "list")
                }
            case .openWatch(let rv):
                do {
                    let events = try await watcher.source.watch(options: config.watchOptions(resourceVersion: rv))
                    stream = events.makeAsyncIterator()
                    return .watchOpened
                } catch {
                    return failure(error, during: "watch")
                }
            case .readWatch:
                guard var it = stream else { return .watchClosed }
                do {
                    let event = try await it.next()
                    stream = it
                    if let event { return .watchEvent(event) }
                    stream = nil
                    if Task.isCancelled { return nil }
                    watcher.logger.debug("watch closed by the server; re-watching", metadata: ["resourceVersion": "\(machine.state.resourceVersion ?? "")"])
                    return .watchClosed
                } catch {
                    stream = nil
                    return failure(error, during: "watch")
                }
            case .sleep(let seconds):
                do { try await watcher.clock.sleep(seconds: seconds) } catch { return nil }
                return Task.isCancelled ? nil : .backoffElapsed
            }
        }

        private func failure(_ error: any Error, during phase: String) -> WatcherInput<Object>? {
            if Task.isCancelled || error is CancellationError { return nil }
            let f = WatcherFailure.classify(error)
            if f == .gone {
                watcher.logger.info("resourceVersion too old (410 Gone); relisting", metadata: ["phase": "\(phase)"])
            } else {
                watcher.logger.warning("\(phase) failed", metadata: ["phase": "\(phase)", "error": "\(error)"])
            }
            return .failed(f)
        }
    }
}

extension Watcher {
    /// A watcher over a resource through the API client.
    public init<O: APIObject>(
        client: ResourceClient<O>, namespace: String? = nil, configuration: WatcherConfiguration = WatcherConfiguration(),
        clock: any KubeClock = SystemClock(), logger: Logger = Logger(label: "kube-runtime.watcher")
    ) where Source == ResourceWatchSource<O> {
        self.init(source: ResourceWatchSource(client: client, namespace: namespace), configuration: configuration, clock: clock, logger: logger)
    }
}
