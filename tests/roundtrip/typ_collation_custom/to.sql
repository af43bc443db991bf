CREATE SCHEMA app;
CREATE COLLATION app.bytewise (provider = libc, locale = 'C');
CREATE TABLE app.word (id int PRIMARY KEY, w text COLLATE app.bytewise);
CREATE INDEX word_w_idx ON app.word (w);
