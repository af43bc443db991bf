-- v2: zones become polygons with a bounding box kept as a generated column, circles for
-- radius-based coverage, an exclusion constraint so zones of one store do not overlap, an
-- SP-GiST index on points, and a nearest-store function using the <-> operator.

CREATE TABLE stores (
  id serial PRIMARY KEY,
  name text NOT NULL,
  location point NOT NULL,
  coverage circle
);
CREATE INDEX stores_location_idx ON stores USING spgist (location);
CREATE INDEX stores_coverage_idx ON stores USING gist (coverage);
CREATE TABLE delivery_zones (
  id serial PRIMARY KEY,
  store_id int NOT NULL REFERENCES stores (id),
  area polygon NOT NULL,
  bbox box GENERATED ALWAYS AS (box(area)) STORED,
  CONSTRAINT delivery_zones_no_overlap EXCLUDE USING gist (bbox WITH &&) WHERE (store_id IS NOT NULL)
);
CREATE FUNCTION nearest_stores(p point, n int DEFAULT 5) RETURNS TABLE (id int, name text, distance float8)
LANGUAGE sql STABLE AS $$
  SELECT s.id, s.name, s.location <-> p FROM public.stores s ORDER BY s.location <-> p LIMIT n
$$;
