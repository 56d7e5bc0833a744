import KubeCore

/// Realistic API objects for benchmarks: a Deployment of about 4 KB as kube-apiserver returns
/// it (managed fields, a model-server container with probes and resources, status conditions).
enum SampleObjects {
    static func deployment(index i: Int) -> JSONValue {
        let name = "chat-\(i)-5d8c7f9b"
        let labels: JSONValue = ["app.kubernetes.io/managed-by": "dify-operator", "app.kubernetes.io/name": "chat", "dify.ai/deployment": .string("chat-\(i)"), "dify.ai/revision": "5d8c7f9b"]
        let container: JSONValue = [
            "name": "model-server", "image": "vllm/vllm-openai:v0.8.5", "imagePullPolicy": "IfNotPresent",
            "args": ["--model=/models/llama3-8b", "--served-model-name=llama3-8b", "--port=8000", "--tensor-parallel-size=1", "--gpu-memory-utilization=0.9", "--max-model-len=8192"],
            "env": [["name": "HF_HOME", "value": "/models/.hf"], ["name": "HF_TOKEN", "valueFrom": ["secretKeyRef": ["name": "hf-token", "key": "token"]]]],
            "ports": [["name": "http", "containerPort": 8000, "protocol": "TCP"]],
            "resources": ["limits": ["cpu": "4", "memory": "32Gi", "nvidia.com/gpu": "1"], "requests": ["cpu": "4", "memory": "32Gi", "nvidia.com/gpu": "1"]],
            "volumeMounts": [["name": "model-cache", "mountPath": "/models", "readOnly": true], ["name": "dshm", "mountPath": "/dev/shm"]],
            "startupProbe": ["httpGet": ["path": "/health", "port": 8000, "scheme": "HTTP"], "periodSeconds": 10, "failureThreshold": 180, "timeoutSeconds": 1, "successThreshold": 1],
            "readinessProbe": ["httpGet": ["path": "/health", "port": 8000, "scheme": "HTTP"], "periodSeconds": 5, "failureThreshold": 3, "timeoutSeconds": 1, "successThreshold": 1],
            "livenessProbe": ["httpGet": ["path": "/health", "port": 8000, "scheme": "HTTP"], "periodSeconds": 10, "failureThreshold": 3, "timeoutSeconds": 1, "successThreshold": 1],
            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
            "securityContext": ["allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]]],
        ]
        let managed: JSONValue = [
            "manager": "dify-operator", "operation": "Apply", "apiVersion": "apps/v1", "time": "2026-11-20T10:00:00Z", "fieldsType": "FieldsV1",
            "fieldsV1": ["f:metadata": ["f:labels": ["f:app.kubernetes.io/managed-by": [:], "f:app.kubernetes.io/name": [:], "f:dify.ai/deployment": [:], "f:dify.ai/revision": [:]], "f:ownerReferences": ["k:{\"uid\":\"8d6f0c52-8f0e-4e0b-9a57-1f2b3c4d5e6f\"}": [:]]],
                         "f:spec": ["f:replicas": [:], "f:selector": [:], "f:strategy": ["f:type": [:]], "f:template": ["f:metadata": ["f:labels": [:]], "f:spec": ["f:containers": ["k:{\"name\":\"model-server\"}": [".": [:], "f:image": [:], "f:args": [:]]]]]]],
        ]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": .string(name), "namespace": "ai", "uid": .string("0d1c2b3a-4e5f-6a7b-8c9d-\(String(format: "%012d", i))"),
                "resourceVersion": .string(String(100_000 + i)), "generation": 3, "creationTimestamp": "2026-11-20T10:00:00Z",
                "labels": labels, "annotations": ["deployment.kubernetes.io/revision": "3"],
                "ownerReferences": [["apiVersion": "dify.ai/v1alpha1", "kind": "DifyDeployment", "name": .string("chat-\(i)"), "uid": "8d6f0c52-8f0e-4e0b-9a57-1f2b3c4d5e6f", "controller": true, "blockOwnerDeletion": true]],
                "managedFields": [managed],
            ],
            "spec": [
                "replicas": 2, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
                "selector": ["matchLabels": ["dify.ai/deployment": .string("chat-\(i)"), "dify.ai/revision": "5d8c7f9b"]],
                "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 0, "maxUnavailable": 1]],
                "template": [
                    "metadata": ["labels": labels, "annotations": ["dify.ai/model": "llama3-8b"]],
                    "spec": [
                        "containers": [container],
                        "volumes": [["name": "model-cache", "persistentVolumeClaim": ["claimName": "llama3-8b-cache", "readOnly": true]], ["name": "dshm", "emptyDir": ["medium": "Memory", "sizeLimit": "16Gi"]]],
                        "nodeSelector": ["nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"],
                        "tolerations": [["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"]],
                        "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler",
                        "securityContext": ["runAsNonRoot": true, "seccompProfile": ["type": "RuntimeDefault"]],
                    ],
                ],
            ],
            "status": [
                "observedGeneration": 3, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2,
                "conditions": [
                    ["type": "Available", "status": "True", "lastUpdateTime": "2026-11-20T10:05:00Z", "lastTransitionTime": "2026-11-20T10:05:00Z", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability."],
                    ["type": "Progressing", "status": "True", "lastUpdateTime": "2026-11-20T10:05:00Z", "lastTransitionTime": "2026-11-20T10:00:00Z", "reason": "NewReplicaSetAvailable", "message": .string("ReplicaSet \"\(name)-6b7c8d9e0f\" has successfully progressed.")],
                ],
            ],
        ]
    }

    static func watchEvent(_ object: JSONValue) -> [UInt8] {
        (["type": "MODIFIED", "object": object] as JSONValue).serialized() + [0x0A]
    }
}
