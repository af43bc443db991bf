-- The migration history: one row per applied (or baselined) migration file. Lives in its own
-- schema, which faceplate-db never manages, diffs or fingerprints.
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
