CREATE SCHEMA app;
CREATE TABLE app.teams (id int PRIMARY KEY, name text, captain_id int);
CREATE TABLE app.members (id int PRIMARY KEY, team_id int NOT NULL REFERENCES app.teams (id), mentor_id int REFERENCES app.members (id));
ALTER TABLE app.teams ADD CONSTRAINT teams_captain_fkey FOREIGN KEY (captain_id) REFERENCES app.members (id) DEFERRABLE INITIALLY DEFERRED;
