-- A store locator without PostGIS: built-in geometric types.
CREATE TABLE stores (
  id serial PRIMARY KEY,
  name text NOT NULL,
  location point NOT NULL
);
CREATE INDEX stores_location_idx ON stores USING gist (location);
CREATE TABLE delivery_zones (
  id serial PRIMARY KEY,
  store_id int NOT NULL REFERENCES stores (id),
  area box NOT NULL
);
