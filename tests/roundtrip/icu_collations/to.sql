CREATE SCHEMA app;
CREATE COLLATION app.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION app.german (provider = icu, locale = 'de-DE');
CREATE COLLATION app.bytes (provider = libc, locale = 'C');
CREATE TABLE app.person (id int PRIMARY KEY, name text COLLATE app.case_insensitive, sort_name text COLLATE app.german, code text COLLATE app.bytes);
