CREATE SCHEMA app;
CREATE SEQUENCE app.ticket_seq AS integer INCREMENT 1 MINVALUE 1 MAXVALUE 1000 NO CYCLE;
CREATE TABLE app.ticket (id int PRIMARY KEY DEFAULT nextval('app.ticket_seq'));
