CREATE SCHEMA app;
CREATE TABLE app.docs (id int PRIMARY KEY, owner text, public boolean NOT NULL DEFAULT false);
ALTER TABLE app.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY docs_owner ON app.docs USING (owner = current_user OR public);
CREATE POLICY docs_insert ON app.docs FOR INSERT WITH CHECK (owner = current_user);
