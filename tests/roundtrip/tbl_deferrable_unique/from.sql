CREATE SCHEMA app;
CREATE TABLE app.slots (id int PRIMARY KEY, position int NOT NULL, CONSTRAINT slots_position_key UNIQUE (position));
CREATE TABLE app.items (id int PRIMARY KEY, slot_id int, CONSTRAINT items_slot_fkey FOREIGN KEY (slot_id) REFERENCES app.slots (id) DEFERRABLE);
