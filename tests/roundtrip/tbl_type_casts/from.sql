CREATE SCHEMA app;
CREATE TABLE app.orders (id int PRIMARY KEY, qty int NOT NULL, note varchar(200), code text, placed_at timestamp DEFAULT now(), price int CHECK (price >= 0));
