CREATE SCHEMA app;
CREATE TABLE app.users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, display_name text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE app.posts (id bigserial PRIMARY KEY, author_id int NOT NULL REFERENCES app.users (id) ON DELETE CASCADE, title text NOT NULL, slug text NOT NULL UNIQUE, body text,
  status text NOT NULL DEFAULT 'draft' CONSTRAINT posts_status_check CHECK (status IN ('draft', 'published')),
  published_at timestamptz, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX posts_author_idx ON app.posts (author_id, published_at DESC) WHERE status = 'published';
CREATE TABLE app.comments (id serial PRIMARY KEY, post_id bigint NOT NULL REFERENCES app.posts (id) ON DELETE CASCADE, parent_id int REFERENCES app.comments (id) ON DELETE CASCADE,
  user_id int REFERENCES app.users (id) ON DELETE SET NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX comments_post_idx ON app.comments (post_id);
CREATE TABLE app.tags (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE app.post_tags (post_id bigint NOT NULL REFERENCES app.posts (id) ON DELETE CASCADE, tag_id int NOT NULL REFERENCES app.tags (id) ON DELETE CASCADE, PRIMARY KEY (post_id, tag_id));
