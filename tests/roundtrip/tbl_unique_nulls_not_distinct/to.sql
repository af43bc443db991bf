CREATE SCHEMA app;
CREATE TABLE app.memberships (id int PRIMARY KEY, org_id int NOT NULL, user_id int, CONSTRAINT memberships_org_user_key UNIQUE NULLS NOT DISTINCT (org_id, user_id));
