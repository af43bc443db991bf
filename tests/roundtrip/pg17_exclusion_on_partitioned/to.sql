CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE TABLE app.booking (room int NOT NULL, during tstzrange NOT NULL,
  CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)) PARTITION BY LIST (room);
CREATE TABLE app.booking_1 PARTITION OF app.booking FOR VALUES IN (1);
