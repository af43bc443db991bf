CREATE SCHEMA app;
CREATE TYPE app.hours AS RANGE (subtype = float8, multirange_type_name = app.hours_set);
CREATE TABLE app.shift (id int PRIMARY KEY, span app.hours, breaks app.hours_set);
COMMENT ON TYPE app.hours IS 'a span of hours';
