-- Argo CD health check for dify.ai/DifyModel (resource.customizations.health.dify.ai_DifyModel).
-- Healthy when the model is Ready to serve; Degraded when its spec is invalid or the preload
-- failed; Progressing while the cache is being filled or its claim is missing.
local hs = {}
if obj.status == nil or obj.status.observedGeneration == nil or obj.status.observedGeneration ~= obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for dify-operator to observe generation " .. tostring(obj.metadata.generation)
  return hs
end
local phase = obj.status.phase
if phase == "Ready" then
  hs.status = "Healthy"
elseif phase == "Invalid" or phase == "Failed" then
  hs.status = "Degraded"
else
  hs.status = "Progressing"
end
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.status ~= "True" and (c.type == "Validated" or c.type == "CacheReady") then
      hs.message = c.message
      break
    end
  end
end
return hs
