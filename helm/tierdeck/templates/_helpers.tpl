{{/* Chart name, overridable. */}}
{{- define "tierdeck.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name; the release name alone when it already contains the chart name. */}}
{{- define "tierdeck.fullname" -}}
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

{{- define "tierdeck.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tierdeck.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tierdeck.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tierdeck.labels" -}}
helm.sh/chart: {{ include "tierdeck.chart" . }}
{{ include "tierdeck.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tierdeck
{{- end }}

{{- define "tierdeck.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tierdeck.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
ClusterRole and ClusterRoleBinding are cluster-scoped: qualify their name with the namespace so two
releases of the same name in different namespaces do not overwrite each other's RBAC.
*/}}
{{- define "tierdeck.clusterRoleName" -}}
{{- printf "%s-%s" .Release.Namespace (include "tierdeck.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tierdeck.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Settings that need more structure than an environment variable holds, as Spring Boot's
SPRING_APPLICATION_JSON. The impersonation allow-list is the same list the ClusterRole grants, so
the portal never tries to impersonate a group the API server would refuse.
*/}}
{{- define "tierdeck.applicationJson" -}}
{{- $cluster := dict "impersonable-groups" .Values.rbac.impersonableGroups }}
{{- $tierdeck := dict "cluster" $cluster }}
{{- if .Values.identity.roleGroups }}
{{- /* bracketed map keys keep dots, spaces and case of group names intact when Spring binds them */}}
{{- $roleGroups := dict }}
{{- range $group, $role := .Values.identity.roleGroups }}
{{- $_ := set $roleGroups (printf "[%s]" $group) $role }}
{{- end }}
{{- $_ := set $tierdeck "identity" (dict "role-groups" $roleGroups) }}
{{- end }}
{{- dict "tierdeck" $tierdeck | toJson }}
{{- end }}
