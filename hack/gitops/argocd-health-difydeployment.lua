-- Argo CD health check for dify.ai/DifyDeployment (resource.customizations.health.dify.ai_DifyDeployment).
-- Healthy once the operator has observed this generation and every replica of the current
-- revision is Ready; Degraded when the spec is invalid, the model is invalid or failed, or a
-- revision change passed its progress deadline; Progressing otherwise. The message is the
-- condition that says why.
local hs = {}
if obj.status == nil or obj.status.observedGeneration == nil or obj.status.observedGeneration ~= obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for dify-operator to observe generation " .. tostring(obj.metadata.generation)
  return hs
end
local byType = {}
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    byType[c.type] = c
  end
end
local phase = obj.status.phase
if phase == "Healthy" then
  hs.status = "Healthy"
elseif phase == "Degraded" or phase == "Invalid" then
  hs.status = "Degraded"
else
  hs.status = "Progressing"
end
local model = byType["ModelReady"]
local progressing = byType["Progressing"]
if model ~= nil and model.status ~= "True" then
  hs.message = model.message
elseif progressing ~= nil then
  hs.message = progressing.message
end
return hs
