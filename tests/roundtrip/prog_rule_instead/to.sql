CREATE SCHEMA app;
CREATE TABLE app.event (id int PRIMARY KEY, kind text, payload text);
CREATE TABLE app.event_archive (id int PRIMARY KEY, kind text, payload text);
CREATE VIEW app.event_in AS SELECT id, kind, payload FROM app.event;
CREATE RULE event_in_insert AS ON INSERT TO app.event_in DO INSTEAD INSERT INTO app.event (id, kind, payload) VALUES (NEW.id, lower(NEW.kind), NEW.payload);
CREATE RULE event_no_delete AS ON DELETE TO app.event DO INSTEAD INSERT INTO app.event_archive SELECT OLD.id, OLD.kind, OLD.payload;
