CREATE SCHEMA app;
CREATE DOMAIN app.email AS text NOT NULL CHECK (VALUE ~ '@');
CREATE DOMAIN app.code AS text CONSTRAINT code_required NOT NULL;
CREATE DOMAIN app.tag AS text CONSTRAINT tag_required NOT NULL;
CREATE DOMAIN app.note AS text;
CREATE TABLE app.t (id int PRIMARY KEY, email app.email, code app.code, tag app.tag, note app.note);
