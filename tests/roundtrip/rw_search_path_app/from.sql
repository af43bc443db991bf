-- Written against the search path: every name after the SET is unqualified.
CREATE SCHEMA app;
SET search_path TO app;
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, active boolean NOT NULL DEFAULT true);
CREATE TABLE orders (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users, total numeric(12,2) NOT NULL);
CREATE FUNCTION active_user_count() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM users WHERE active
$$;
CREATE FUNCTION user_total(p_user int) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(total), 0) FROM orders WHERE user_id = p_user
$$;
CREATE VIEW user_totals AS SELECT u.id, u.email, user_total(u.id) AS total FROM users u;
