-- The rental store, v2: see from.sql.
CREATE SCHEMA app;

CREATE TYPE app.rating AS ENUM ('G', 'PG-13', 'R', 'NC-17');
CREATE DOMAIN app.year AS smallint CHECK (VALUE BETWEEN 1901 AND 2155);
CREATE DOMAIN app.recent_year AS app.year CHECK (VALUE >= 1950);

CREATE FUNCTION app.default_rate(base numeric) RETURNS numeric LANGUAGE plpgsql STABLE
    AS $$ BEGIN RETURN base + 0.99; END $$;

CREATE TABLE app.film (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL,
    rating app.rating NOT NULL DEFAULT 'PG-13',
    released app.recent_year,
    rate numeric(4,2) NOT NULL DEFAULT app.default_rate(3),
    length smallint
);

CREATE TABLE app.actor (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE app.film_actor (
    film_id integer NOT NULL REFERENCES app.film (id),
    actor_id integer NOT NULL REFERENCES app.actor (id),
    PRIMARY KEY (film_id, actor_id)
);

CREATE FUNCTION app.film_label(f app.film) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT f.title || ' (' || f.rating::text || coalesce(', ' || f.length || ' min', '') || ')' $$;

CREATE FUNCTION app.actor_name(a app.actor) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN upper(a.name);

CREATE FUNCTION app.is_family(r app.rating) RETURNS boolean LANGUAGE sql IMMUTABLE
    RETURN r IN ('G', 'PG-13');

CREATE FUNCTION app.join_text(state text, value text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN state IS NULL THEN value ELSE state || ' / ' || value END $$;
CREATE AGGREGATE app.group_concat(text) (SFUNC = app.join_text, STYPE = text);

CREATE VIEW app.film_list AS
    SELECT f.id, app.film_label(f.*) AS label, app.is_family(f.rating) AS family, f.rate,
           (SELECT app.group_concat(app.actor_name(a.*)) FROM app.film_actor fa
            JOIN app.actor a ON a.id = fa.actor_id WHERE fa.film_id = f.id) AS actors
    FROM app.film f;

CREATE VIEW app.titles_by_rating AS
    SELECT rating, app.group_concat(title) AS titles FROM app.film GROUP BY rating;

CREATE MATERIALIZED VIEW app.family_films AS
    SELECT id, label, actors FROM app.film_list WHERE family WITH NO DATA;
CREATE INDEX family_films_id_idx ON app.family_films (id);

CREATE TABLE app.payment (
    id bigint GENERATED ALWAYS AS IDENTITY,
    film_id integer NOT NULL REFERENCES app.film (id),
    amount numeric(6,2) NOT NULL,
    paid_at timestamptz NOT NULL,
    PRIMARY KEY (id, paid_at)
) PARTITION BY RANGE (paid_at);
CREATE TABLE app.payment_2024_02 PARTITION OF app.payment FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE app.payment_2024_03 PARTITION OF app.payment FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');

CREATE FUNCTION app.payment_guard() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN IF NEW.amount <= 0 THEN RAISE EXCEPTION 'payment must be positive'; END IF; RETURN NEW; END $$;
CREATE TRIGGER payment_guard BEFORE INSERT OR UPDATE ON app.payment FOR EACH ROW EXECUTE FUNCTION app.payment_guard();

CREATE FUNCTION app.top_films(n integer) RETURNS SETOF app.film LANGUAGE sql STABLE
    AS $$ SELECT f.* FROM app.film f JOIN app.payment p ON p.film_id = f.id
          GROUP BY f.id ORDER BY sum(p.amount) DESC LIMIT n $$;
