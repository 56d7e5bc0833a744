import DifyAPI
import DifyPlanners
import Foundation
import KubeCore
import Testing

struct ModelPlannerTests {
    typealias F = Fixtures

    func condition(_ status: DifyModelStatus, _ type: String) -> Condition? { status.conditions?.first { $0.type == type } }

    @Test func aNewModelGetsItsCacheAndAPreloadJob() throws {
        let plan = ModelPlanner.plan(ModelSnapshot(model: F.model(), now: F.now))
        let revision = Revisions.model(F.modelSpec)
        let claim = try #require(plan.claim)
        #expect(claim.metadata.name == "llama-cache")
        #expect(claim.metadata.ownerReferences == nil, "model data outlives the model by default")
        #expect(claim.spec?.accessModes == ["ReadWriteMany"])
        #expect(claim.metadata.labels?["app.kubernetes.io/managed-by"] == "dify-operator")
        #expect(claim.metadata.labels?["dify.ai/model"] == "llama")
        let job = try #require(plan.createJob)
        #expect(job.metadata.name == "llama-preload-\(revision)")
        #expect(job.metadata.ownerReferences?.first?.uid == "uid-llama")
        #expect(job.metadata.labels?["dify.ai/revision"] == revision)
        #expect(job.spec?.template.spec?.restartPolicy == "Never")
        #expect(job.spec?.template.spec?.volumes?.contains { $0.persistentVolumeClaim?.claimName == "llama-cache" } == true)
        #expect(plan.status.phase == "Caching")
        #expect(plan.status.revision == revision)
        #expect(plan.status.observedGeneration == 1)
        #expect(plan.status.cache == CacheStatus(claimName: "llama-cache", loaded: false, jobName: "llama-preload-\(revision)"))
        #expect(condition(plan.status, "Validated")?.status == .true)
        #expect(condition(plan.status, "CacheReady")?.reason == "Preloading")
        #expect(condition(plan.status, "Ready")?.status == .false)
        #expect(plan.events.map(\.reason) == ["CreatedCacheClaim", "Preloading"])
    }

    @Test func aCompletePreloadMakesTheModelReadyAndASecondPassChangesNothing() {
        let revision = Revisions.model(F.modelSpec)
        let job = F.completeJob("llama-preload-\(revision)")
        let first = ModelPlanner.plan(ModelSnapshot(model: F.model(), claim: F.claim("llama-cache"), jobs: [job], now: F.now))
        #expect(first.status.phase == "Ready")
        #expect(first.status.cache?.loaded == true)
        #expect(first.createJob == nil)
        #expect(["Validated", "CacheReady", "Ready"].allSatisfy { condition(first.status, $0)?.status == .true })
        #expect(first.events.map(\.reason) == ["ModelReady"])
        #expect(first.status.resolved?.gpuResourceName == "nvidia.com/gpu")
        #expect(first.status.resolved?.gpuResourceCount == 1)
        #expect(first.status.resolved?.nodeSelector == ["nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"])

        // Fed its own status back a minute later: the same status (no write), no events.
        let second = ModelPlanner.plan(ModelSnapshot(model: F.model(status: first.status), claim: F.claim("llama-cache"), jobs: [job], now: F.now.addingTimeInterval(60)))
        #expect(second.status == first.status)
        #expect(second.events.isEmpty)
    }

    @Test func aFailedPreloadFailsTheModel() {
        let revision = Revisions.model(F.modelSpec)
        let job = F.job("llama-preload-\(revision)", conditions: [JobCondition(type: "Failed", status: .true, reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit")])
        let plan = ModelPlanner.plan(ModelSnapshot(model: F.model(), claim: F.claim("llama-cache"), jobs: [job], now: F.now))
        #expect(plan.status.phase == "Failed")
        #expect(condition(plan.status, "CacheReady")?.reason == "PreloadFailed")
        #expect(condition(plan.status, "CacheReady")?.message.contains("BackoffLimitExceeded") == true)
        #expect(plan.events.map(\.reason) == ["PreloadFailed"])
        #expect(plan.events.first?.type == .warning)
    }

    @Test func jobsOfOtherRevisionsAreDeleted() {
        let revision = Revisions.model(F.modelSpec)
        let plan = ModelPlanner.plan(ModelSnapshot(model: F.model(), claim: F.claim("llama-cache"), jobs: [F.completeJob("llama-preload-0ld0ld00"), F.completeJob("llama-preload-\(revision)")], now: F.now))
        #expect(plan.deleteJobs == ["llama-preload-0ld0ld00"])
    }

    @Test func retainOnDeleteFalseLetsTheCacheGoWithTheModel() {
        var spec = F.modelSpec
        spec.cache = ModelCache(size: "200Gi", storageClassName: "fast-rwx", accessMode: "ReadWriteOnce", retainOnDelete: false)
        let claim = ModelPlanner.plan(ModelSnapshot(model: F.model(spec: spec), now: F.now)).claim
        #expect(claim?.metadata.ownerReferences?.first?.uid == "uid-llama")
        #expect(claim?.metadata.ownerReferences?.first?.controller == true)
        #expect(claim?.spec?.resources?.requests?["storage"] == (try? Quantity("200Gi")))
        #expect(claim?.spec?.storageClassName == "fast-rwx")
        #expect(claim?.spec?.accessModes == ["ReadWriteOnce"])
    }

    @Test func aDerivedCacheSizeHoldsTheWeights() {
        // 8B bf16 = 16 GB of weights; with headroom, rounded up to whole GiB.
        let claim = ModelPlanner.plan(ModelSnapshot(model: F.model(), now: F.now)).claim
        let expected = Int64((16e9 * ModelChildren.derivedCacheHeadroom / 1_073_741_824).rounded(.up))
        #expect(claim?.spec?.resources?.requests?["storage"] == (try? Quantity("\(expected)Gi")))
        var noSize = F.modelSpec
        noSize.size = nil
        #expect(ModelChildren.cacheSize(noSize, estimate: nil) == ModelChildren.defaultCacheSize)
    }

    @Test func anExistingClaimThatIsMissingKeepsTheModelPending() {
        var spec = F.modelSpec
        spec.cache = ModelCache(existingClaimName: "shared-weights")
        let plan = ModelPlanner.plan(ModelSnapshot(model: F.model(spec: spec), now: F.now))
        #expect(plan.claim == nil, "the operator does not create a claim it was told exists")
        #expect(plan.createJob == nil)
        #expect(plan.status.phase == "Pending")
        #expect(condition(plan.status, "CacheReady")?.reason == "ClaimNotFound")
        let present = ModelPlanner.plan(ModelSnapshot(model: F.model(spec: spec), claim: F.claim("shared-weights"), now: F.now))
        #expect(present.createJob?.spec?.template.spec?.volumes?.contains { $0.persistentVolumeClaim?.claimName == "shared-weights" } == true)
        #expect(present.status.phase == "Caching")
    }

    @Test func aPVCSourceIsServedFromItsClaimWithoutPreloading() {
        var spec = F.modelSpec
        spec.source = ModelSource(uri: "pvc://weights/llama3-8b")
        let plan = ModelPlanner.plan(ModelSnapshot(model: F.model(spec: spec), claim: F.claim("weights"), now: F.now))
        #expect(plan.status.phase == "Ready")
        #expect(plan.claim == nil && plan.createJob == nil)
        #expect(condition(plan.status, "CacheReady")?.reason == "SourceIsVolume")
        #expect(plan.status.cache == CacheStatus(claimName: "weights", loaded: true, jobName: nil))
    }

    @Test func preloadOffServesAtOnce() {
        var spec = F.modelSpec
        spec.cache = ModelCache(preload: false)
        let plan = ModelPlanner.plan(ModelSnapshot(model: F.model(spec: spec), claim: F.claim("llama-cache"), now: F.now))
        #expect(plan.status.phase == "Ready")
        #expect(plan.createJob == nil)
        #expect(condition(plan.status, "CacheReady")?.reason == "PreloadDisabled")
    }

    @Test func anInvalidEditKeepsTheLastValidRevisionAndTouchesNothing() throws {
        let ready = F.readyModel()
        var bad = ready
        bad.spec.size = ModelSize(parameters: "70B")
        bad.metadata.generation = 2
        let plan = ModelPlanner.plan(ModelSnapshot(model: bad, claim: F.claim("llama-cache"), now: F.now))
        #expect(plan.status.phase == "Invalid")
        #expect(plan.status.observedGeneration == 2)
        #expect(plan.status.revision == ready.status?.revision)
        #expect(plan.status.resolved == ready.status?.resolved)
        #expect(plan.claim == nil && plan.createJob == nil && plan.deleteJobs.isEmpty)
        let validated = try #require(condition(plan.status, "Validated"))
        #expect(validated.status == .false && validated.reason == "ModelDoesNotFit" && validated.observedGeneration == 2)
        #expect(plan.events.map(\.reason) == ["InvalidSpec"])
        // Reported once: the same invalid spec again records nothing.
        bad.status = plan.status
        #expect(ModelPlanner.plan(ModelSnapshot(model: bad, now: F.now)).events.isEmpty)
    }
}

/// What the CRD's immutability rules forbid, checked again by the operator.
struct ModelCacheImmutabilityTests {
    typealias F = Fixtures

    @Test func changingTheClaimInUseIsInvalid() throws {
        var model = F.readyModel()
        model.spec.cache = ModelCache(existingClaimName: "other-claim")
        model.metadata.generation = 2
        let plan = ModelPlanner.plan(ModelSnapshot(model: model, claim: F.claim("other-claim"), now: F.now))
        #expect(plan.status.phase == "Invalid")
        let validated = try #require(plan.status.conditions?.first { $0.type == "Validated" })
        #expect(validated.reason == "ImmutableField")
        #expect(validated.message.contains("llama-cache") && validated.message.contains("delete and recreate"))
        #expect(plan.createJob == nil && plan.claim == nil)
    }

    @Test func theLiveClaimsClassAndAccessModeCannotChange() {
        var live = F.claim("llama-cache")
        live.spec = PersistentVolumeClaimSpec(accessModes: ["ReadWriteMany"], resources: VolumeResourceRequirements(requests: ["storage": Quantity.gibibytes(40)]), storageClassName: "fast-rwx")
        var model = F.readyModel()
        model.spec.cache = ModelCache(storageClassName: "slow")
        #expect(ModelPlanner.plan(ModelSnapshot(model: model, claim: live, now: F.now)).status.conditions?.first { $0.type == "Validated" }?.reason == "ImmutableField")
        model.spec.cache = ModelCache(storageClassName: "fast-rwx", accessMode: "ReadWriteOnce")
        #expect(ModelPlanner.plan(ModelSnapshot(model: model, claim: live, now: F.now)).status.conditions?.first { $0.type == "Validated" }?.reason == "ImmutableField")
        model.spec.cache = ModelCache(storageClassName: "fast-rwx")
        #expect(ModelPlanner.plan(ModelSnapshot(model: model, claim: live, now: F.now)).status.phase != "Invalid")
    }

    @Test func aClaimNeverShrinks() {
        var live = F.claim("llama-cache")
        live.spec = PersistentVolumeClaimSpec(accessModes: ["ReadWriteMany"], resources: VolumeResourceRequirements(requests: ["storage": Quantity.gibibytes(100)]))
        var model = F.readyModel()
        model.spec.cache = ModelCache(size: "40Gi")
        let claim = ModelPlanner.plan(ModelSnapshot(model: model, claim: live, now: F.now)).claim
        #expect(claim?.spec?.resources?.requests?["storage"] == Quantity.gibibytes(100))
        model.spec.cache = ModelCache(size: "200Gi")
        #expect(ModelPlanner.plan(ModelSnapshot(model: model, claim: live, now: F.now)).claim?.spec?.resources?.requests?["storage"] == Quantity.gibibytes(200))
    }

    @Test func aNameTooLongForThePreloadJobIsInvalid() {
        let plan = ModelPlanner.plan(ModelSnapshot(model: F.model(String(repeating: "m", count: 47)), now: F.now))
        #expect(plan.status.conditions?.first { $0.type == "Validated" }?.reason == "InvalidName")
        #expect(ModelPlanner.plan(ModelSnapshot(model: F.model(String(repeating: "m", count: 46)), now: F.now)).status.phase == "Caching")
    }
}
