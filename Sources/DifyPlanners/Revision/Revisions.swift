import DifyAPI
import KubeCore

/// Serving revisions: a stable hash of everything a serving pod depends on.
///
/// The **model revision** (`DifyModel.status.revision`, the preload Job's suffix) hashes the
/// model's spec with its defaults applied, so writing a default explicitly does not roll
/// anything: source (URI, revision pin, credentials), size, engine, resources, served model
/// name, startup budget, and the cache fields that change what a pod mounts
/// (`existingClaimName`, `preload`). The cache size, class and retention do not touch a pod
/// and are left out.
///
/// The **deployment revision** (`DifyDeployment.status.currentRevision`, the `<name>-<revision>`
/// Deployment) is the model revision when the DifyDeployment has no pod overrides, and
/// otherwise a hash of the model revision and the overrides. So a change to a DifyModel rolls
/// every DifyDeployment that uses it, and a change to one DifyDeployment's overrides rolls
/// only that one.
public enum Revisions {
    public static func model(_ spec: DifyModelSpec) -> String {
        var engine = spec.engine ?? ModelEngine()
        engine.type = engine.type ?? DifyDefaults.engineType
        engine.tensorParallelSize = engine.tensorParallelSize ?? DifyDefaults.tensorParallelSize
        engine.gpuMemoryUtilization = engine.gpuMemoryUtilization ?? DifyDefaults.gpuMemoryUtilization
        var size = spec.size
        if size != nil { size!.dtype = size!.dtype ?? DifyDefaults.dtype }
        var resources = spec.resources
        if var gpu = resources?.gpu, var mig = gpu.mig {
            mig.strategy = mig.strategy ?? DifyDefaults.migStrategy
            gpu.mig = mig
            resources?.gpu = gpu
        }
        let cache = spec.cache
        let inputs: [String: JSONValue] = [
            "servedModelName": spec.servedModelName.map(JSONValue.string) ?? .null,
            "source": (try? JSONValue(encoding: spec.source)) ?? .null,
            "size": (try? JSONValue(encoding: size)) ?? .null,
            "engine": (try? JSONValue(encoding: engine)) ?? .null,
            "resources": (try? JSONValue(encoding: resources)) ?? .null,
            "startup": (try? JSONValue(encoding: spec.startup)) ?? .null,
            "existingClaimName": (cache?.existingClaimName).map(JSONValue.string) ?? .null,
            "preload": .bool(cache?.preload ?? DifyDefaults.cachePreload),
        ]
        return StableHash.of(.object(inputs))
    }

    public static func deployment(modelRevision: String, overrides: PodOverrides?) -> String {
        guard let overrides, overrides != PodOverrides(), let encoded = try? JSONValue(encoding: overrides), encoded != .object([:]) else {
            return modelRevision
        }
        return StableHash.of(["modelRevision": .string(modelRevision), "template": encoded])
    }
}
