CREATE SCHEMA app;
CREATE TABLE app.msg (id int PRIMARY KEY, author text);
CREATE POLICY msg_author ON app.msg USING (author = current_user);
CREATE TABLE app.audit (id int PRIMARY KEY);
ALTER TABLE app.audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.audit FORCE ROW LEVEL SECURITY;
