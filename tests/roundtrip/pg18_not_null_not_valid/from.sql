CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, a int, b int, c int NOT NULL, d int, e int NOT NULL);
ALTER TABLE app.t ADD CONSTRAINT d_not_checked_yet NOT NULL d NOT VALID;
ALTER TABLE app.t ADD NOT NULL e NOT VALID;
