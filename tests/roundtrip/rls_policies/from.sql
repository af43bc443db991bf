CREATE SCHEMA app;
CREATE TABLE app.docs (id int PRIMARY KEY, owner text);
CREATE POLICY docs_owner ON app.docs USING (owner = current_user);
