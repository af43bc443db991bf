CREATE SCHEMA app;
CREATE TYPE app.level AS ENUM ('low', 'high');
CREATE DOMAIN app.known_level AS app.level NOT NULL;
CREATE TABLE app.reading (id int PRIMARY KEY, level app.known_level);
