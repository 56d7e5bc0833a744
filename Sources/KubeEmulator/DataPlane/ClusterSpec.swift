import Foundation
import KubeCore

/// The nodes of a simulated cluster, as read from a cluster file (`dify-operator dev
/// --cluster <file>`) or built in code.
///
/// The cluster file is JSON. Quantities are Kubernetes quantity strings; `allocatable`
/// defaults to `capacity`; `zone` and `region` become the well-known
/// `topology.kubernetes.io/zone` / `region` labels; `labels` are added to the standard ones
/// (`kubernetes.io/hostname`, `kubernetes.io/os`, `kubernetes.io/arch`); taint effects are
/// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
///
/// ```json
/// {
///   "nodes": [
///     {
///       "name": "gpu-node-a",
///       "zone": "zone-a",
///       "labels": {"nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3", "nvidia.com/gpu.count": "8"},
///       "capacity": {"cpu": "96", "memory": "1536Gi", "pods": "110", "nvidia.com/gpu": "8"},
///       "allocatable": {"cpu": "94", "memory": "1500Gi", "pods": "110", "nvidia.com/gpu": "8"},
///       "taints": [{"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}]
///     },
///     {"name": "cpu-node-b", "zone": "zone-b", "capacity": {"cpu": "64", "memory": "256Gi", "pods": "110"}}
///   ]
/// }
/// ```
public struct ClusterSpec: Codable, Sendable, Equatable {
    /// One node of the cluster file.
    public struct Node: Codable, Sendable, Equatable {
        public var name: String
        /// `topology.kubernetes.io/zone`.
        public var zone: String?
        /// `topology.kubernetes.io/region` (default ``ClusterSpec/defaultRegion``).
        public var region: String?
        /// Extra labels (GPU feature discovery labels and the like).
        public var labels: [String: String]?
        /// `status.capacity`: resource name to quantity string.
        public var capacity: [String: String]
        /// `status.allocatable` (default: `capacity`).
        public var allocatable: [String: String]?
        public var taints: [Taint]?

        public init(name: String, zone: String? = nil, region: String? = nil, labels: [String: String]? = nil, capacity: [String: String], allocatable: [String: String]? = nil, taints: [Taint]? = nil) {
            self.name = name
            self.zone = zone
            self.region = region
            self.labels = labels
            self.capacity = capacity
            self.allocatable = allocatable
            self.taints = taints
        }
    }

    /// A node taint (`key=value:effect`).
    public struct Taint: Codable, Sendable, Equatable {
        public var key: String
        public var value: String?
        public var effect: String

        public init(key: String, value: String? = nil, effect: String) {
            self.key = key
            self.value = value
            self.effect = effect
        }
    }

    /// Why a cluster file was refused.
    public struct InvalidSpec: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public var nodes: [Node]

    public init(nodes: [Node]) { self.nodes = nodes }

    /// Parses and validates a cluster file's JSON.
    public init(json bytes: [UInt8]) throws {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch { throw InvalidSpec(description: "cluster file: \(error)") }
        do { self = try value.decode(as: ClusterSpec.self) } catch { throw InvalidSpec(description: "cluster file: \(error)") }
        try validate()
    }

    /// Reads a cluster file (see the type's documentation for the format).
    public static func load(contentsOf path: String) throws -> ClusterSpec {
        guard let data = FileManager.default.contents(atPath: path) else { throw InvalidSpec(description: "cannot read cluster file \(path)") }
        return try ClusterSpec(json: Array(data))
    }

    /// Checks names, quantities and taint effects.
    public func validate() throws {
        var seen = Set<String>()
        for n in nodes {
            guard ObjectNames.isSubdomain(n.name) else { throw InvalidSpec(description: "node name \(String(reflecting: n.name)) is not a valid DNS subdomain") }
            guard seen.insert(n.name).inserted else { throw InvalidSpec(description: "node \(n.name) is listed twice") }
            for (resource, amount) in n.capacity.merging(n.allocatable ?? [:], uniquingKeysWith: { a, _ in a }) {
                guard (try? Quantity(amount)) != nil else { throw InvalidSpec(description: "node \(n.name): \(resource): invalid quantity \(String(reflecting: amount))") }
            }
            for t in n.taints ?? [] where !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(t.effect) {
                throw InvalidSpec(description: "node \(n.name): taint \(t.key): unsupported effect \(String(reflecting: t.effect))")
            }
        }
    }
}

// MARK: - The default cluster

extension ClusterSpec {
    /// `topology.kubernetes.io/region` of nodes that name none.
    public static let defaultRegion = "region-1"
    /// The taint of every GPU node (as the NVIDIA GPU operator's documentation recommends).
    public static let gpuTaint = Taint(key: "nvidia.com/gpu", value: "present", effect: "NoSchedule")
    /// GPU feature discovery's product label value of an H100 SXM 80 GB.
    public static let h100Product = "NVIDIA-H100-80GB-HBM3"
    /// Memory of one H100 80 GB in MiB, as GPU feature discovery reports it (`nvidia.com/gpu.memory`).
    public static let h100MemoryMiB = "81559"
    /// GPUs per GPU node.
    public static let gpusPerNode = 8
    /// The MIG layout of the `all-balanced` mig-parted profile on an H100 80 GB, per GPU:
    /// 2 × `1g.10gb`, 1 × `2g.20gb`, 1 × `3g.40gb` (7 compute slices, 80 GB).
    public static let h100AllBalancedPerGPU: [(profile: String, count: Int)] = [("1g.10gb", 2), ("2g.20gb", 1), ("3g.40gb", 1)]

    /// Capacity and allocatable of the GPU nodes (8 × H100 hosts).
    static let gpuHostCapacity = ["cpu": "96", "memory": "1536Gi", "ephemeral-storage": "3840Gi", "pods": "110"]
    static let gpuHostAllocatable = ["cpu": "94", "memory": "1500Gi", "ephemeral-storage": "3500Gi", "pods": "110"]
    /// Capacity and allocatable of the CPU-only node.
    static let cpuHostCapacity = ["cpu": "64", "memory": "256Gi", "ephemeral-storage": "1Ti", "pods": "110"]
    static let cpuHostAllocatable = ["cpu": "63", "memory": "250Gi", "ephemeral-storage": "900Gi", "pods": "110"]

    /// An 8 × H100 node advertising `nvidia.com/gpu` (the device plugin's whole-GPU resource).
    public static func h100Node(name: String, zone: String) -> Node {
        let gpus = String(gpusPerNode)
        return Node(
            name: name, zone: zone,
            labels: [
                "nvidia.com/gpu.present": "true",
                "nvidia.com/gpu.product": h100Product,
                "nvidia.com/gpu.count": gpus,
                "nvidia.com/gpu.memory": h100MemoryMiB,
                "nvidia.com/mig.capable": "true",
                "node.kubernetes.io/instance-type": "gpu-h100-8x",
            ],
            capacity: gpuHostCapacity.merging(["nvidia.com/gpu": gpus]) { a, _ in a },
            allocatable: gpuHostAllocatable.merging(["nvidia.com/gpu": gpus]) { a, _ in a },
            taints: [gpuTaint])
    }

    /// An 8 × H100 node partitioned with MIG, `mixed` strategy and the `all-balanced` profile:
    /// the device plugin then advertises one resource per MIG profile (`nvidia.com/mig-1g.10gb`:
    /// 16, `nvidia.com/mig-2g.20gb`: 8, `nvidia.com/mig-3g.40gb`: 8) and no `nvidia.com/gpu`.
    public static func h100MIGNode(name: String, zone: String) -> Node {
        var labels = [
            "nvidia.com/gpu.present": "true",
            "nvidia.com/gpu.product": h100Product,
            "nvidia.com/gpu.count": String(gpusPerNode),
            "nvidia.com/gpu.memory": h100MemoryMiB,
            "nvidia.com/mig.capable": "true",
            "nvidia.com/mig.strategy": "mixed",
            "nvidia.com/mig.config": "all-balanced",
            "nvidia.com/mig.config.state": "success",
            "node.kubernetes.io/instance-type": "gpu-h100-8x-mig",
        ]
        var resources: [String: String] = [:]
        for (profile, perGPU) in h100AllBalancedPerGPU {
            let total = String(perGPU * gpusPerNode)
            resources["nvidia.com/mig-\(profile)"] = total
            labels["nvidia.com/mig-\(profile).count"] = total
            labels["nvidia.com/mig-\(profile).product"] = "\(h100Product)-MIG-\(profile)"
        }
        return Node(
            name: name, zone: zone, labels: labels,
            capacity: gpuHostCapacity.merging(resources) { a, _ in a },
            allocatable: gpuHostAllocatable.merging(resources) { a, _ in a },
            taints: [gpuTaint])
    }

    /// A node without accelerators and without taints.
    public static func cpuNode(name: String, zone: String) -> Node {
        Node(name: name, zone: zone, labels: ["node.kubernetes.io/instance-type": "cpu-64"], capacity: cpuHostCapacity, allocatable: cpuHostAllocatable)
    }

    /// The default cluster: 4 nodes in 2 zones.
    ///
    /// | node | zone | accelerators |
    /// | --- | --- | --- |
    /// | `gpu-node-a` | `zone-a` | 8 × `nvidia.com/gpu` (H100 80 GB) |
    /// | `mig-node-a` | `zone-a` | H100 × 8 with MIG `all-balanced`: 16 × `nvidia.com/mig-1g.10gb`, 8 × `nvidia.com/mig-2g.20gb`, 8 × `nvidia.com/mig-3g.40gb` |
    /// | `gpu-node-b` | `zone-b` | 8 × `nvidia.com/gpu` (H100 80 GB) |
    /// | `cpu-node-b` | `zone-b` | none |
    ///
    /// GPU nodes carry the taint `nvidia.com/gpu=present:NoSchedule`.
    public static let defaultCluster = ClusterSpec(nodes: [
        h100Node(name: "gpu-node-a", zone: "zone-a"),
        h100MIGNode(name: "mig-node-a", zone: "zone-a"),
        h100Node(name: "gpu-node-b", zone: "zone-b"),
        cpuNode(name: "cpu-node-b", zone: "zone-b"),
    ])
}
