import DifyAPI
import Foundation
import KubeClient
import KubeCore

/// Prints a line whenever a DifyModel's or DifyDeployment's phase (or readiness) changes, so
/// `dify-operator dev --samples` shows the samples converging.
struct ProgressPrinter {
    /// How often the printer looks.
    static let interval: Duration = .milliseconds(500)
    let client: KubernetesClient

    func run() async {
        var seen: [String: String] = [:]
        while !Task.isCancelled {
            var lines: [(String, String)] = []
            if let models = try? await client.resource(DifyModel.self).list().items {
                for m in models {
                    let s = m.status
                    let gpu = s?.resolved?.gpuResourceName.map { "\(s?.resolved?.gpuResourceCount ?? 0) x \($0)" } ?? "cpu"
                    lines.append(("difymodel \(m.metadata.namespace ?? "")/\(m.metadata.name ?? "")", "\(s?.phase ?? "-") revision=\(s?.revision ?? "-") gpu=\(gpu) memory=\(s?.resolved?.estimatedMemory ?? "-")"))
                }
            }
            if let deployments = try? await client.resource(DifyDeployment.self).list().items {
                for d in deployments {
                    let s = d.status
                    lines.append(("difydeployment \(d.metadata.namespace ?? "")/\(d.metadata.name ?? "")", "\(s?.phase ?? "-") ready=\(s?.readyReplicas ?? 0)/\(d.spec.replicas ?? DifyDefaults.replicas) revision=\(s?.currentRevision ?? "-") endpoint=\(s?.endpoint?.url ?? "-")"))
                }
            }
            for (key, value) in lines where seen[key] != value {
                seen[key] = value
                Console.print("\(key): \(value)")
            }
            try? await Task.sleep(for: Self.interval)
        }
    }
}
