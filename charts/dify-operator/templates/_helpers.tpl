{{/* The chart name, or nameOverride. */}}
{{- define "dify-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The prefix of every object name: fullnameOverride, else <release>-<chart> (or <release> when it contains the chart name). */}}
{{- define "dify-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "dify-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the operator's pods (never change them: Deployment selectors are immutable). */}}
{{- define "dify-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dify-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The standard labels of every object of the chart. */}}
{{- define "dify-operator.labels" -}}
helm.sh/chart: {{ include "dify-operator.chart" . }}
{{ include "dify-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dify-operator
{{- end }}

{{- define "dify-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dify-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository@digest when a digest is set, else repository:tag (tag defaults to appVersion). */}}
{{- define "dify-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* "true" when leader election is on: asked for, or more than one replica. */}}
{{- define "dify-operator.leaderElect" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) }}true{{ end }}
{{- end }}

{{- define "dify-operator.leaseName" -}}
{{- default (printf "%s.dify.ai" (include "dify-operator.fullname" .)) .Values.leaderElection.id }}
{{- end }}

{{- define "dify-operator.metricsServiceName" -}}
{{- printf "%s-metrics" (include "dify-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The pod's terminationGracePeriodSeconds: the operator's shutdown deadline plus 10 s for
releasing the Lease, writing queued events and exiting. */}}
{{- define "dify-operator.terminationGracePeriodSeconds" -}}
{{- add (int .Values.operator.gracefulShutdownTimeoutSeconds) 10 }}
{{- end }}

{{/* The operator's RBAC rules on the namespaced resources it watches and writes. Every verb is
one the code calls (Sources/DifyControllers, Sources/KubeRuntime); no wildcards. The same rules go
into the ClusterRole (all namespaces) or into one Role per watched namespace. */}}
{{- define "dify-operator.rules" -}}
# DifyModels and DifyDeployments: read through the informers' LIST and WATCH only (DifyOperator,
# ScopedInformer; the reconcilers read from the cache and never GET).
- apiGroups: ["dify.ai"]
  resources: ["difymodels", "difydeployments"]
  verbs: ["list", "watch"]
# Their status: StatusWriter writes it by server-side apply (PATCH, apply-patch) to /status.
- apiGroups: ["dify.ai"]
  resources: ["difymodels/status", "difydeployments/status"]
  verbs: ["patch"]
# The children carry controller owner references with blockOwnerDeletion: true
# (KubeResource.controllerReference). Where the OwnerReferencesPermissionEnforcement admission
# plugin is on (OpenShift, hardened clusters), setting that needs update on the owner's
# /finalizers subresource. The operator never writes finalizers itself.
- apiGroups: ["dify.ai"]
  resources: ["difymodels/finalizers", "difydeployments/finalizers"]
  verbs: ["update"]
# Cache PVCs: informer LIST/WATCH (every PVC: existingClaimName and pvc:// name claims the
# operator did not create); ChildWriter.apply is server-side apply, a PATCH that creates the
# claim when it is missing, so it needs create as well. Never deleted by the operator (owner
# garbage collection removes a claim with retainOnDelete: false).
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["list", "watch", "create", "patch"]
# Serving Services: informer LIST/WATCH; server-side apply (create + patch). Removed by garbage
# collection with their DifyDeployment, never deleted by the operator.
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list", "watch", "create", "patch"]
# Serving pods: one LIST (never watched or cached) when a DifyDeployment has been short of
# Ready replicas for a while, to say why in its status (DeploymentReconciler, PodDiagnosis).
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
# Preload Jobs: informer LIST/WATCH; server-side apply (create + patch); ChildWriter.delete of
# finished or superseded ones (ModelPlanner deleteJobs).
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# One Deployment per live revision: informer LIST/WATCH; server-side apply (create + patch);
# ChildWriter.delete of a retired revision.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# Older revisions are scaled through /scale with a merge PATCH (ChildWriter.scale, patchScale).
- apiGroups: ["apps"]
  resources: ["deployments/scale"]
  verbs: ["patch"]
# The HPA of spec.autoscaling (autoscaling/v2): informer LIST/WATCH; server-side apply (create +
# patch); ChildWriter.delete when autoscaling is removed.
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# events.k8s.io/v1 Events about DifyModels and DifyDeployments, in their namespace: EventRecorder
# POSTs new ones and merge-PATCHes series.count of repeats.
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}
