CREATE SCHEMA app;
CREATE TABLE app."Customer" ("Id" int PRIMARY KEY, "Email" text, "Type" varchar(10));
CREATE TABLE app."Order" ("Id" int PRIMARY KEY, "CustomerId" int, "Total" int);
