CREATE SCHEMA a;
CREATE TABLE a.t (id int PRIMARY KEY);
CREATE SCHEMA b;
CREATE TABLE b.u (id int PRIMARY KEY, t_id int REFERENCES a.t (id));
COMMENT ON SCHEMA b IS 'created by the migration';
