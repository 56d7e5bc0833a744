/// The built-in typed kinds of ``KubeCore``, for discovery emulation, RESTMapper-style lookups and
/// registries that need every modelled kind's address.
public enum BuiltinKinds {
    /// The descriptor (group, version, plural, kind, scope) of every typed kind, in a stable order.
    public static let all: [ResourceDescriptor] = [
        // core/v1
        Namespace.descriptor,
        ConfigMap.descriptor,
        Secret.descriptor,
        Service.descriptor,
        ServiceAccount.descriptor,
        PersistentVolumeClaim.descriptor,
        Pod.descriptor,
        Node.descriptor,
        CoreEvent.descriptor,
        // apps/v1
        Deployment.descriptor,
        ReplicaSet.descriptor,
        // batch/v1
        Job.descriptor,
        // autoscaling/v2
        HorizontalPodAutoscaler.descriptor,
        // coordination.k8s.io/v1
        Lease.descriptor,
        // events.k8s.io/v1
        Event.descriptor,
        // apiextensions.k8s.io/v1
        CustomResourceDefinition.descriptor,
        // snapshot.storage.k8s.io/v1
        VolumeSnapshot.descriptor,
        // gateway.networking.k8s.io/v1
        HTTPRoute.descriptor,
        // rbac.authorization.k8s.io/v1
        Role.descriptor,
        ClusterRole.descriptor,
        RoleBinding.descriptor,
        ClusterRoleBinding.descriptor,
    ]

    /// The descriptor serving `kind` in `apiVersion` (`v1`, `apps/v1`, ...), if it is built in.
    public static func descriptor(apiVersion: String, kind: String) -> ResourceDescriptor? {
        all.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }
}
