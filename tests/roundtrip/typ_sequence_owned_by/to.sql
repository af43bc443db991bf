CREATE SCHEMA app;
CREATE TABLE app.invoice (id int PRIMARY KEY, number int);
CREATE SEQUENCE app.invoice_number_seq AS integer START 1000 OWNED BY app.invoice.number;
ALTER TABLE app.invoice ALTER COLUMN number SET DEFAULT nextval('app.invoice_number_seq');
