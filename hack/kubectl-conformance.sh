#!/usr/bin/env bash
# Checks the emulator (`dify-operator dev --api-only`) against the real kubectl, pinned from PyPI
# (hack/requirements.txt). Every check prints PASS or FAIL; the last line is "N passed, M failed".
# Usage: hack/kubectl-conformance.sh [path-to-dify-operator-binary]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/dify-operator}
KUBECTL=.venv/bin/kubectl
WORK=$(mktemp -d)
export KUBECONFIG=$WORK/kubeconfig

"$BIN" dev --api-only --port 0 --kubeconfig-out "$KUBECONFIG" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do [ -s "$KUBECONFIG" ] && break; sleep 0.1; done

source hack/lib/checks.sh
k() { "$KUBECTL" "$@"; }

check "version" "Server Version: v1.36" k version
check "api-resources lists built-ins" "deployments" k api-resources
check "create namespace" "namespace/conf created" k create namespace conf
check "create configmap (protobuf body)" "configmap/settings created" k -n conf create configmap settings --from-literal=mode=fast

cat > "$WORK/deploy.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}
YAML
check "apply (client-side) creates" "deployment.apps/web created" k -n conf apply -f "$WORK/deploy.yaml"
check "apply again is unchanged" "deployment.apps/web unchanged" k -n conf apply -f "$WORK/deploy.yaml"
sed -i 's/nginx:1.27/nginx:1.28/' "$WORK/deploy.yaml"
check "apply a change configures" "deployment.apps/web configured" k -n conf apply -f "$WORK/deploy.yaml"
check "strategic merge kept one container" "nginx:1.28" k -n conf get deploy web -o jsonpath='{.spec.template.spec.containers[*].image}'

cat > "$WORK/svc.yaml" <<'YAML'
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
YAML
check "apply --server-side service" "service/web serverside-applied" k -n conf apply --server-side -f "$WORK/svc.yaml"
check "apply --server-side deployment" "deployment.apps/web serverside-applied" k -n conf apply --server-side --force-conflicts -f "$WORK/deploy.yaml"
check "managed fields recorded" "kubectl" k -n conf get deploy web -o jsonpath='{.metadata.managedFields[*].manager}' --show-managed-fields

cat > "$WORK/crd.yaml" <<'YAML'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
    schema:
      openAPIV3Schema:
        type: object
        description: A widget, for testing.
        properties:
          spec:
            type: object
            description: What the widget should be.
            required: [size]
            properties:
              size: {type: string, enum: [small, large], description: "How big the widget is: small or large."}
              replicas: {type: integer, minimum: 0, default: 1}
          status:
            type: object
            properties:
              replicas: {type: integer}
YAML
check "apply CRD" "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created" k apply -f "$WORK/crd.yaml"
check "wait for Established" "condition met" k wait --for=condition=Established crd/widgets.example.com --timeout=10s
check "api-resources lists the custom resource" "widgets" k api-resources --api-group=example.com
cat > "$WORK/widget.yaml" <<'YAML'
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
spec: {size: small}
YAML
check "apply custom resource (client-side)" "widget.example.com/w1 created" k -n conf apply -f "$WORK/widget.yaml"
check "apply custom resource (server-side)" "widget.example.com/w1 serverside-applied" k -n conf apply --server-side --force-conflicts -f "$WORK/widget.yaml"
check "schema default applied" "replicas: 1" k -n conf get wd w1 -o yaml
check "invalid custom resource rejected" "Unsupported value" sh -c "sed 's/small/huge/' '$WORK/widget.yaml' | '$KUBECTL' -n conf apply -f -"
check "explain a custom-resource field" "How big the widget is" k explain widget.spec.size

check "get -o yaml" "mode: fast" k -n conf get configmap settings -o yaml
( timeout 5 "$KUBECTL" -n conf get configmap settings --watch --output-watch-events -o json > "$WORK/watch.out" 2>&1 & )
sleep 1
k -n conf patch configmap settings --type merge -p '{"data":{"mode":"slow"}}' > /dev/null
sleep 1
check "get -w sees the change" '"type":"MODIFIED"' cat "$WORK/watch.out"
check "patch --type merge" "slow" k -n conf get configmap settings -o jsonpath='{.data.mode}'
check "patch --type json" "configmap/settings patched" k -n conf patch configmap settings --type json -p '[{"op":"add","path":"/data/extra","value":"1"}]'

# An events.k8s.io/v1 Event (what operators record) is one resource with core/v1 Events (what
# `kubectl get events` and `kubectl describe` read), converted between the two versions.
CM_UID=$(k -n conf get configmap settings -o jsonpath='{.metadata.uid}')
cat > "$WORK/event.yaml" <<YAML
apiVersion: events.k8s.io/v1
kind: Event
metadata: {name: settings.reconciled}
regarding: {apiVersion: v1, kind: ConfigMap, namespace: conf, name: settings, uid: "$CM_UID"}
reportingController: example.com/conformance
reportingInstance: conformance-0
eventTime: "$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)"
action: Reconcile
reason: SettingsApplied
note: settings were applied
type: Normal
YAML
check "apply an events.k8s.io/v1 Event" "event.events.k8s.io/settings.reconciled created" k -n conf apply -f "$WORK/event.yaml"
check "get events shows its reason" "SettingsApplied" k -n conf get events
check "get events shows its object" "configmap/settings" k -n conf get events
check "get events shows its note" "settings were applied" k -n conf get events
check "the core/v1 view is converted" "settings|settings were applied|example.com/conformance" k -n conf get event settings.reconciled -o jsonpath='{.involvedObject.name}|{.message}|{.reportingComponent}'
check "describe lists it under Events" "SettingsApplied" sh -c "'$KUBECTL' -n conf describe configmap settings | sed -n '/^Events:/,\$p'"

check "scale" "deployment.apps/web scaled" k -n conf scale deploy web --replicas=3
check "wait --for=jsonpath after scale" "condition met" k -n conf wait --for=jsonpath='{.spec.replicas}'=3 deploy/web --timeout=10s
check "scale a custom resource" "widget.example.com/w1 scaled" k -n conf scale wd w1 --replicas=2

check "create with a finalizer" "configmap/held created" sh -c "echo '{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/keep\"]}}' | '$KUBECTL' -n conf create -f -"
k -n conf delete configmap held --wait=false > /dev/null 2>&1
check "finalizer holds the object" "example.com/keep" k -n conf get configmap held -o jsonpath='{.metadata.deletionTimestamp} {.metadata.finalizers}'
k -n conf patch configmap held --type json -p '[{"op":"remove","path":"/metadata/finalizers"}]' > /dev/null 2>&1
check "removing the finalizer deletes it" "NotFound" k -n conf get configmap held

OWNER_UID=$(k -n conf get configmap settings -o jsonpath='{.metadata.uid}')
check "create a dependent" "configmap/child created" sh -c "echo '{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"child\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"settings\",\"uid\":\"$OWNER_UID\",\"controller\":true,\"blockOwnerDeletion\":true}]}}' | '$KUBECTL' -n conf create -f -"
check "cascading delete (foreground)" "deleted" k -n conf delete configmap settings --cascade=foreground --timeout=10s
check "dependent was garbage-collected" "NotFound" k -n conf get configmap child
check "delete namespace" "namespace \"conf\" deleted" k delete namespace conf --timeout=20s
check "namespace is gone" "NotFound" k get namespace conf

# RBAC: `kubectl auth can-i` answers yes in the default AlwaysAllow mode; a second emulator with
# `--authorization-mode RBAC` forbids a service account (token from `kubectl create token`) what no
# Role grants it, with kube-apiserver's message, until `kubectl create role/rolebinding` do.
check "auth can-i (AlwaysAllow)" "yes" k auth can-i create deployments
RBAC_KUBECONFIG=$WORK/rbac.kubeconfig
"$BIN" dev --api-only --port 0 --authorization-mode RBAC --kubeconfig-out "$RBAC_KUBECONFIG" > "$WORK/rbac-server.log" 2>&1 &
RBAC_SERVER=$!
trap 'kill $SERVER $RBAC_SERVER 2>/dev/null; wait $SERVER $RBAC_SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do [ -s "$RBAC_KUBECONFIG" ] && break; sleep 0.1; done
kr() { "$KUBECTL" --kubeconfig "$RBAC_KUBECONFIG" "$@"; }
kr create serviceaccount op > /dev/null 2>&1
SA_TOKEN=$(kr create token op 2>&1)
check "create token: whoami is the service account" "system:serviceaccount:default:op" kr --token "$SA_TOKEN" auth whoami
check "RBAC: forbidden without a Role" 'pods is forbidden: User "system:serviceaccount:default:op" cannot list resource "pods" in API group "" in the namespace "default"' kr --token "$SA_TOKEN" get pods
check "RBAC: auth can-i says no" "answer=no" sh -c "echo answer=\$('$KUBECTL' --kubeconfig '$RBAC_KUBECONFIG' --token '$SA_TOKEN' auth can-i list pods)"
kr create role pod-reader --verb=get,list,watch --resource=pods > /dev/null 2>&1
kr create rolebinding pod-reader --role=pod-reader --serviceaccount=default:op > /dev/null 2>&1
check "RBAC: auth can-i says yes after create role/rolebinding" "answer=yes" sh -c "echo answer=\$('$KUBECTL' --kubeconfig '$RBAC_KUBECONFIG' --token '$SA_TOKEN' auth can-i list pods)"
check "RBAC: auth can-i --as the service account (impersonation)" "answer=yes" sh -c "echo answer=\$('$KUBECTL' --kubeconfig '$RBAC_KUBECONFIG' auth can-i list pods --as system:serviceaccount:default:op)"
check "RBAC: the Role applies in its namespace only" "No resources found in default namespace" kr --token "$SA_TOKEN" get pods
check "RBAC: not in another namespace" 'cannot list resource "pods" in API group "" in the namespace "kube-system"' kr --token "$SA_TOKEN" -n kube-system get pods

# The official Python client against the same server.
if out=$(.venv/bin/python hack/python-client-check.py "$KUBECONFIG" 2>&1); then :; fi
echo "$out" | grep -E '^(PASS|FAIL)' || echo "$out" | tail -20
passed=$((passed + $(echo "$out" | grep -c '^PASS'))); failed=$((failed + $(echo "$out" | grep -c '^FAIL')))
echo "$out" | grep -qE '^(PASS|FAIL)' || failed=$((failed + 1))

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
