CREATE SCHEMA app;
CREATE TABLE app.orders (id bigint PRIMARY KEY, qty bigint NOT NULL, note text, code varchar(12), placed_at timestamptz DEFAULT now(), price numeric(12,2) CHECK (price >= 0));
