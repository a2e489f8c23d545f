-- Monotonic write of one entity's online features (dev.sluice.online.RedisFeatureStore).
-- KEYS[1]  the hash, sluice:<domain>:<aggregation>:<id>
-- ARGV[1]  window start, epoch ms      ARGV[2] window end, epoch ms      ARGV[3] version (ClickHouse _version)
-- ARGV[4]  TTL in ms                   ARGV[5..] field, value, field, value, ...
-- Returns 1 when written, 0 when the stored window/version is newer (the update is stale and nothing changes).
--
-- The numbers are compared as unsigned decimal strings, not with tonumber: Lua numbers are doubles, and a version
-- (microseconds) or a future larger one must never be compared with rounding.
local function cmp(a, b)
  if #a ~= #b then
    return #a < #b and -1 or 1
  end
  if a == b then
    return 0
  end
  return a < b and -1 or 1
end

local stored = redis.call('HMGET', KEYS[1], '_window_start', '_window_end', '_version')
if stored[1] and stored[2] and stored[3] then
  local c = cmp(ARGV[1], stored[1])
  if c == 0 then
    c = cmp(ARGV[2], stored[2])
  end
  if c == 0 then
    c = cmp(ARGV[3], stored[3])
  end
  if c < 0 then
    return 0
  end
end

local now = redis.call('TIME')
local updated = now[1] .. string.format('%03d', math.floor(tonumber(now[2]) / 1000))
-- Replace, not merge: a measure that became null (or a flag removed from the config) must not linger.
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '_window_start', ARGV[1], '_window_end', ARGV[2], '_version', ARGV[3], '_updated_at', updated,
  unpack(ARGV, 5))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
