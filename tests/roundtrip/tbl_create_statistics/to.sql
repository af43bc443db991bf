CREATE SCHEMA app;
CREATE TABLE app.addresses (id int PRIMARY KEY, city text, zip text);
CREATE STATISTICS app.addresses_city_zip (dependencies, ndistinct) ON city, zip FROM app.addresses;
