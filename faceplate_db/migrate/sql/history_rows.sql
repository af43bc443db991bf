SELECT version, name, checksum, from_fingerprint, to_fingerprint, applied_at, duration_s,
       applied_by, baseline
FROM faceplate_migrations.history
ORDER BY version
