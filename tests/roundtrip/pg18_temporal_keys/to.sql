CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE TABLE app.room (id int NOT NULL, valid tstzrange NOT NULL, name text,
  PRIMARY KEY (id, valid WITHOUT OVERLAPS));
CREATE TABLE app.booking (id int PRIMARY KEY, room int NOT NULL, during tstzrange NOT NULL,
  CONSTRAINT booking_room_during_key UNIQUE (room, during WITHOUT OVERLAPS),
  CONSTRAINT booking_room_fkey FOREIGN KEY (room, PERIOD during) REFERENCES app.room (id, PERIOD valid));
