CREATE SCHEMA app;
CREATE TABLE app.blobs (id int PRIMARY KEY, data text);
