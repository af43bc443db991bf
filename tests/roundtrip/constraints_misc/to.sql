CREATE SCHEMA app;
CREATE TABLE app.booking (id int PRIMARY KEY, room int, during tstzrange, CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&));
CREATE TABLE app.tag (name text NOT NULL, CONSTRAINT tag_pkey PRIMARY KEY (name));
ALTER TABLE app.tag SET (fillfactor = 70);
