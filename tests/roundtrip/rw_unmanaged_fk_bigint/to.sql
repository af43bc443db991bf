CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, name text);
CREATE TABLE posts (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), body text);
CREATE INDEX posts_user_id_idx ON posts (user_id);

