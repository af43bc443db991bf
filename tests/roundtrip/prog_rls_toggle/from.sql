CREATE SCHEMA app;
CREATE TABLE app.msg (id int PRIMARY KEY, author text);
ALTER TABLE app.msg ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.msg FORCE ROW LEVEL SECURITY;
CREATE POLICY msg_author ON app.msg USING (author = current_user);
CREATE TABLE app.audit (id int PRIMARY KEY);
