CREATE SCHEMA app;
CREATE TABLE app.emp (id int PRIMARY KEY, name text, dept text);
CREATE FUNCTION app.roster(d text) RETURNS TABLE (id int, name text, dept text) LANGUAGE sql STABLE AS $$ SELECT id, name, dept FROM app.emp WHERE dept = d $$;
COMMENT ON FUNCTION app.roster(text) IS 'members of a department';
