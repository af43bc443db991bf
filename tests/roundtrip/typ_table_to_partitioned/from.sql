CREATE SCHEMA app;
CREATE TABLE app.audit (id bigint NOT NULL, at date NOT NULL, what text, PRIMARY KEY (id, at));
CREATE INDEX audit_what_idx ON app.audit (what);
