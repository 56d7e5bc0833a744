#!/usr/bin/env bash
# End to end through the real kubectl (pinned from PyPI, hack/requirements.txt): starts
# `dify-operator dev` (the emulator with its simulated GPU cluster and the operator's
# controllers), applies crds/samples with kubectl, and checks what a user would look at.
# Then validates every object the operator wrote with kubernetes-validate --strict.
# Every check prints PASS or FAIL; the last line is "N passed, M failed".
# Usage: hack/operator-e2e.sh [path-to-dify-operator-binary]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/dify-operator}
KUBECTL=.venv/bin/kubectl
WORK=$(mktemp -d)
export KUBECONFIG=$WORK/kubeconfig

"$BIN" dev --port 0 --kubeconfig-out "$KUBECONFIG" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do grep -q "controllers running" "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done

source hack/lib/checks.sh
k() { "$KUBECTL" "$@"; }

check "CRDs installed" "difydeployments.dify.ai" k get crd
check "api-resources: short names and category" "dd" k api-resources --api-group=dify.ai
check "explain teaches the MIG fields" "profile" k explain difymodel.spec.resources.gpu.mig
check "explain a DifyDeployment field" "replicas" k explain difydeployment.spec
check "apply the samples" "difydeployment.dify.ai/chat created" k apply -f crds/samples/
wait_for "model goes Ready" "Ready" k -n ai get dm llama3-8b -o jsonpath='{.status.phase}'
wait_for "chat becomes Healthy" "Healthy" k -n ai get dd chat -o jsonpath='{.status.phase}'
wait_for "qwen-mig becomes Healthy" "Healthy" k -n ai get dd qwen-mig -o jsonpath='{.status.phase}'
wait_for "embeddings becomes Healthy" "Healthy" k -n ai get dd embeddings -o jsonpath='{.status.phase}'
check "kubectl wait for Available" "condition met" k -n ai wait --for=condition=Available dd/chat --timeout=30s
check "get dify (category) lists both kinds" "difydeployment.dify.ai/chat" k -n ai get dify
check "printer columns of DifyDeployment" "ENDPOINT" k -n ai get dd
check "printer columns show the endpoint" "http://chat.ai.svc:80/v1" k -n ai get dd chat
check "printer columns of DifyModel" "MEMORY" k -n ai get dm
check "whole GPU limit on the chat pods" '"nvidia.com/gpu":"1"' k -n ai get deploy -l dify.ai/deployment=chat -o jsonpath='{.items[0].spec.template.spec.containers[0].resources.limits}'
check "MIG slice limit on the qwen pods" 'nvidia.com/mig-' k -n ai get deploy -l dify.ai/deployment=qwen-mig -o jsonpath='{.items[0].spec.template.spec.containers[0].resources.limits}'
check "MIG pods run on the MIG node" "mig-node-a" k -n ai get pods -l dify.ai/deployment=qwen-mig -o jsonpath='{.items[*].spec.nodeName}'
check "GPU taint tolerated" "nvidia.com/gpu" k -n ai get deploy -l dify.ai/deployment=chat -o jsonpath='{.items[0].spec.template.spec.tolerations[*].key}'
check "Service selects the serving pods" "dify.ai/deployment" k -n ai get svc chat -o jsonpath='{.spec.selector}'
check "HPA targets the DifyDeployment" "DifyDeployment/chat" k -n ai get hpa chat -o jsonpath='{.spec.scaleTargetRef.kind}/{.spec.scaleTargetRef.name}'
check "kubectl scale dd" "difydeployment.dify.ai/chat scaled" k -n ai scale dd chat --replicas=3
wait_for "scaled to 3 ready" "3" k -n ai get dd chat -o jsonpath='{.status.readyReplicas}'
wait_for "3 serving pods" "3" bash -c "$KUBECTL -n ai get pods -l dify.ai/deployment=chat --no-headers | grep -c Running"
check "events of the decisions (kubectl get events)" "CreatedDeployment" k -n ai get events --field-selector involvedObject.name=chat
check "kubectl describe shows the events" "RolloutComplete" k -n ai describe dd chat

# A new model revision rolls the DifyDeployment (maxSurge 0 by default).
OLD=$(k -n ai get dd chat -o jsonpath='{.status.stableRevision}')
check "change the model's revision" "difymodel.dify.ai/llama3-8b patched" k -n ai patch dm llama3-8b --type merge -p '{"spec":{"source":{"revision":"v2"}}}'
wait_for "model reports a new revision" "yes" bash -c "r=\$($KUBECTL -n ai get dm llama3-8b -o jsonpath='{.status.revision}'); [ \"\$r\" != \"$OLD\" ] && [ -n \"\$r\" ] && echo yes || echo no"
NEW=$(k -n ai get dm llama3-8b -o jsonpath='{.status.revision}')
wait_for "rolled to the new revision" "$NEW Healthy" k -n ai get dd chat -o jsonpath='{.status.stableRevision} {.status.phase}'
wait_for "only the new revision's Deployment is left" "chat-$NEW" k -n ai get deploy -l dify.ai/deployment=chat -o jsonpath='{.items[*].metadata.name}'

# Bad input: rejected by the schema where it can say so, else reported in status.
cat > "$WORK/bad-uri.yaml" <<'YAML'
apiVersion: dify.ai/v1alpha1
kind: DifyModel
metadata: {name: bad-uri, namespace: ai}
spec:
  source: {uri: "ftp://example.com/model"}
YAML
check "unknown URI scheme is rejected by the CRD" "spec.source.uri" k apply -f "$WORK/bad-uri.yaml"
cat > "$WORK/bad-fit.yaml" <<'YAML'
apiVersion: dify.ai/v1alpha1
kind: DifyModel
metadata: {name: too-big, namespace: ai}
spec:
  source: {uri: "hf://meta-llama/Meta-Llama-3-70B-Instruct"}
  size: {parameters: 70B}
  resources:
    gpu: {mig: {profile: 1g.10gb}, product: NVIDIA-H100-80GB-HBM3}
YAML
check "a 70B model on a 1g.10gb slice is accepted by the schema" "difymodel.dify.ai/too-big created" k apply -f "$WORK/bad-fit.yaml"
wait_for "...and reported Invalid" "Invalid ModelDoesNotFit" k -n ai get dm too-big -o jsonpath='{.status.phase} {.status.conditions[?(@.type=="Validated")].reason}'
check "...with a Warning event" "InvalidSpec" k -n ai get events --field-selector involvedObject.name=too-big,type=Warning

# The Argo CD and Flux health checks of hack/gitops agree with the live objects.
k -n ai get dd,dm -o json > "$WORK/dify.json"
check "GitOps health checks on the live objects" ", 0 failed" .venv/bin/python hack/gitops-check.py "$WORK/dify.json" chat=Healthy llama3-8b=Healthy too-big=Degraded

# Every object the operator wrote passes kubernetes-validate --strict (1.29 and the newest).
k get deploy,svc,hpa,pvc,jobs -A -l app.kubernetes.io/managed-by=dify-operator -o json > "$WORK/written.json"
k get events.events.k8s.io -A -o json > "$WORK/events.json"
check "kubernetes-validate --strict on the operator's objects" ", 0 failed" .venv/bin/python hack/validate-objects.py "$WORK/written.json" "$WORK/events.json"
check "there were objects to validate" "deployment.apps/chat-" k get deploy -A -l app.kubernetes.io/managed-by=dify-operator -o name

# Deleting a DifyDeployment removes its children; deleting a model keeps its cache.
check "delete the DifyDeployment" "deleted" k -n ai delete dd chat
wait_for "its Deployments are gone" "" k -n ai get deploy -l dify.ai/deployment=chat -o name
wait_for "its Service is gone" "" bash -c "$KUBECTL -n ai get svc chat -o name 2>/dev/null"
check "delete the model" "deleted" k -n ai delete dm llama3-8b
check "the model's cache PVC is kept" "llama3-8b-cache" k -n ai get pvc llama3-8b-cache -o name

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
