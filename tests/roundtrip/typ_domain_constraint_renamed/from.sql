CREATE SCHEMA app;
CREATE DOMAIN app.qty AS int CONSTRAINT qty_check CHECK (VALUE >= 0);
CREATE TABLE app.stock (id int PRIMARY KEY, qty app.qty);
