import DifyAPI
import Foundation
import KubeCore

/// What the deployment planner looks at: the DifyDeployment, its model, the live objects it
/// owns (from the cache), and the time.
public struct DeploymentSnapshot: Sendable {
    public var deployment: DifyDeployment
    /// The DifyModel named by `modelRef`, if it exists.
    public var model: DifyModel?
    /// The live Deployments the DifyDeployment owns, every revision.
    public var deployments: [Deployment]
    public var service: Service?
    public var autoscaler: HorizontalPodAutoscaler?
    /// The serving pods, when the reconciler read them to explain missing replicas (see
    /// ``DeploymentPlanner/needsPodDiagnosis(_:)``); nil otherwise.
    public var pods: [Pod]?
    /// See ``DeploymentPlanner/podDiagnosisAfterSeconds`` (tests shorten it).
    public var podDiagnosisAfterSeconds = DeploymentPlanner.podDiagnosisAfterSeconds
    public var now: Date

    public init(deployment: DifyDeployment, model: DifyModel?, deployments: [Deployment] = [], service: Service? = nil, autoscaler: HorizontalPodAutoscaler? = nil, pods: [Pod]? = nil, now: Date) {
        self.deployment = deployment
        self.model = model
        self.deployments = deployments
        self.service = service
        self.autoscaler = autoscaler
        self.pods = pods
        self.now = now
    }
}

/// What the deployment planner decided. Nil or empty fields mean "do not touch".
public struct DeploymentPlan: Sendable {
    /// The status to write (written only if it differs from the stored one).
    public var status: DifyDeploymentStatus
    /// The Deployment of the current revision (the operator's whole intent for it).
    public var apply: Deployment?
    /// Replica changes of other revisions' Deployments, through their `/scale`.
    public var scale: [ScaleChange]
    /// Other revisions' Deployments that are done (their pods go with them).
    public var delete: [String]
    public var service: Service?
    public var autoscaler: HorizontalPodAutoscaler?
    /// The HPA exists but `autoscaling` was removed.
    public var deleteAutoscaler: Bool
    public var events: [PlannedEvent]
    /// Come back after this many seconds even if nothing changes (the progress deadline).
    public var requeueAfter: Double?

    /// One replica change.
    public struct ScaleChange: Equatable, Sendable {
        public var name: String
        public var from: Int32
        public var to: Int32

        public init(name: String, from: Int32, to: Int32) {
            self.name = name
            self.from = from
            self.to = to
        }
    }
}
