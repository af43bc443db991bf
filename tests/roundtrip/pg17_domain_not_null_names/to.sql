CREATE SCHEMA app;
CREATE DOMAIN app.email AS text CHECK (VALUE ~ '@');
CREATE DOMAIN app.code AS text NOT NULL;
CREATE DOMAIN app.tag AS text CONSTRAINT tag_must_be_set NOT NULL;
CREATE DOMAIN app.note AS text CONSTRAINT note_required NOT NULL;
CREATE DOMAIN app.fresh AS int CONSTRAINT fresh_required NOT NULL CHECK (VALUE > 0);
CREATE TABLE app.t (id int PRIMARY KEY, email app.email, code app.code, tag app.tag, note app.note);
