-- In the transaction that ran the down file: the history row goes, the rollback is kept.
WITH removed AS (
    DELETE FROM faceplate_migrations.history WHERE version = :version RETURNING *
)
INSERT INTO faceplate_migrations.rollbacks
    (version, name, checksum, down_checksum, from_fingerprint, to_fingerprint, applied_at,
     applied_by, rolled_back_by, duration_s)
SELECT version, name, checksum, :down_checksum, from_fingerprint, to_fingerprint, applied_at,
       applied_by, :rolled_back_by, :duration_s
FROM removed
