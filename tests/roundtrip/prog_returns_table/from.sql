CREATE SCHEMA app;
CREATE TABLE app.emp (id int PRIMARY KEY, name text, dept text);
CREATE FUNCTION app.dept_members(d text) RETURNS TABLE (id int, name text) LANGUAGE sql STABLE AS $$ SELECT id, name FROM app.emp WHERE dept = d $$;
