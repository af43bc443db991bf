CREATE SCHEMA app;
SET search_path TO app;
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, active boolean NOT NULL DEFAULT true, deleted_at timestamptz);
CREATE TABLE orders (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users, total numeric(12,2) NOT NULL, refunded boolean NOT NULL DEFAULT false);
-- Bodies changed (still unqualified, still resolved through the search path).
CREATE FUNCTION active_user_count() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM users WHERE active AND deleted_at IS NULL
$$;
CREATE FUNCTION user_total(p_user int) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(total), 0) FROM orders WHERE user_id = p_user AND NOT refunded
$$;
CREATE VIEW user_totals AS SELECT u.id, u.email, user_total(u.id) AS total FROM users u WHERE u.deleted_at IS NULL;
