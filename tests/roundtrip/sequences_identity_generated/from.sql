CREATE SCHEMA app;
CREATE SEQUENCE app.ticket_seq START 100;
CREATE TABLE app.t (id serial PRIMARY KEY, ticket int DEFAULT nextval('app.ticket_seq'), a int, b int);
