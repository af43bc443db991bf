CREATE SCHEMA app;
CREATE TABLE app.booking (id int PRIMARY KEY, during tstzrange NOT NULL, cancelled boolean NOT NULL DEFAULT false, CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (NOT cancelled) DEFERRABLE INITIALLY DEFERRED);
