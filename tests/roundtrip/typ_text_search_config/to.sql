CREATE SCHEMA app;
CREATE TEXT SEARCH CONFIGURATION app.plain_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION app.plain_en DROP MAPPING FOR email, url;
CREATE TABLE app.doc (id int PRIMARY KEY, body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('app.plain_en'::regconfig, coalesce(body, ''))) STORED);
CREATE INDEX doc_tsv_idx ON app.doc USING gin (tsv);
COMMENT ON TEXT SEARCH CONFIGURATION app.plain_en IS 'English without e-mail and URL tokens';
