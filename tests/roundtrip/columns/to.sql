CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, new_name text, narrow varchar(200), counter bigint, price numeric, added_plain int, added_const text DEFAULT 'x', added_volatile uuid DEFAULT gen_random_uuid());
