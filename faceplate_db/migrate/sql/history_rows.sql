-- down_checksum through to_jsonb: a history table from before down files has no such column,
-- and `status` reads without changing anything.
SELECT version, name, checksum, from_fingerprint, to_fingerprint, applied_at, duration_s,
       applied_by, baseline, to_jsonb(h) ->> 'down_checksum' AS down_checksum
FROM faceplate_migrations.history h
ORDER BY version
