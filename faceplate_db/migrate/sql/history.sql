-- The migration history: one row per applied (or baselined) migration file, and one per
-- rollback. Lives in its own schema, which faceplate-db never manages, diffs or fingerprints.
-- Every statement may run again: a history made by an older faceplate-db is brought up to date.
CREATE SCHEMA IF NOT EXISTS faceplate_migrations;

CREATE TABLE IF NOT EXISTS faceplate_migrations.history (
    version          integer     NOT NULL PRIMARY KEY,
    name             text        NOT NULL,
    checksum         text        NOT NULL,
    from_fingerprint text        NOT NULL,
    to_fingerprint   text        NOT NULL,
    applied_at       timestamptz NOT NULL DEFAULT now(),
    duration_s       double precision NOT NULL,
    applied_by       text        NOT NULL,
    -- true when recorded by `faceplate-db baseline` without running the file.
    baseline         boolean     NOT NULL DEFAULT false
);
-- The checksum of the file's down file when it was applied (NULL: it had none), so rollback
-- refuses a down file edited afterwards.
ALTER TABLE faceplate_migrations.history ADD COLUMN IF NOT EXISTS down_checksum text;

-- Each rollback: the history row it removed, and who ran the down file when.
CREATE TABLE IF NOT EXISTS faceplate_migrations.rollbacks (
    version          integer     NOT NULL,
    name             text        NOT NULL,
    checksum         text        NOT NULL,
    down_checksum    text        NOT NULL,
    from_fingerprint text        NOT NULL,
    to_fingerprint   text        NOT NULL,
    applied_at       timestamptz NOT NULL,
    applied_by       text        NOT NULL,
    rolled_back_at   timestamptz NOT NULL DEFAULT now(),
    rolled_back_by   text        NOT NULL,
    duration_s       double precision NOT NULL
);
