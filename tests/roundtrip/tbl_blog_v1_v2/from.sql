CREATE SCHEMA app;
CREATE TABLE app.users (id serial PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, name text, created_at timestamp DEFAULT now());
CREATE TABLE app.posts (id serial PRIMARY KEY, author_id int NOT NULL REFERENCES app.users (id), title varchar(200) NOT NULL, body text, published boolean DEFAULT false, created_at timestamp DEFAULT now());
CREATE INDEX posts_author_idx ON app.posts (author_id);
CREATE TABLE app.comments (id serial PRIMARY KEY, post_id int NOT NULL REFERENCES app.posts (id), author_name text, body text NOT NULL);
