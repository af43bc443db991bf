CREATE SCHEMA app;
CREATE TABLE app.users (id int, CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE TABLE app.posts (id int PRIMARY KEY, author_id int REFERENCES app.users (id));
