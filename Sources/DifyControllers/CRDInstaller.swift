import DifyAPI
import Foundation
import KubeClient
import KubeCore

/// Installs the operator's CRDs (generated from the Swift types) and waits until the API
/// server serves them (`Established`). For `dify-operator dev`, the tests and the benchmarks;
/// in a real cluster Helm installs the same CRDs from `crds/`.
public enum CRDInstaller {
    /// How long to wait for `Established`.
    public static let establishTimeoutSeconds = 30.0

    public static func install(using client: KubernetesClient, fieldManager: String = DifyNames.fieldManager) async throws {
        let crds = client.resource(CustomResourceDefinition.self)
        for crd in DifyCRDs.all {
            let typed = try crd.decode(as: CustomResourceDefinition.self)
            _ = try await client.dynamic(CustomResourceDefinition.descriptor).apply(crd, fieldManager: fieldManager, force: true)
            let deadline = Date().addingTimeInterval(establishTimeoutSeconds)
            while true {
                let live = try await crds.get(typed.metadata.name ?? "")
                if live.status?.conditions?.contains(where: { $0.type == "Established" && $0.status == .true }) == true { break }
                if Date() > deadline { throw KubeError.invalidRequest("CRD \(typed.metadata.name ?? "") not established after \(Int(establishTimeoutSeconds)) s") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}

/// Applies manifests (objects of any kind the client knows: built-in kinds and the operator's)
/// with server-side apply, in order. For `dify-operator dev --samples` and the benchmarks.
public enum ManifestApplier {
    /// Kinds this applier can address.
    public static let kinds: [ResourceDescriptor] = BuiltinKinds.all + [DifyModel.descriptor, DifyDeployment.descriptor]

    public static func apply(_ objects: [JSONValue], using client: KubernetesClient, fieldManager: String) async throws {
        for object in objects {
            guard let apiVersion = object["apiVersion"].stringValue, let kind = object["kind"].stringValue,
                  let descriptor = kinds.first(where: { $0.apiVersion == apiVersion && $0.kind == kind }) else {
                throw KubeError.invalidRequest("cannot apply \(object["kind"].stringValue ?? "?") \(object.name ?? "?"): unknown kind")
            }
            _ = try await client.dynamic(descriptor).apply(object, fieldManager: fieldManager, force: true)
        }
    }
}
