-- The latest rollback of each version.
SELECT DISTINCT ON (version) version, rolled_back_at, rolled_back_by
FROM faceplate_migrations.rollbacks
ORDER BY version, rolled_back_at DESC
