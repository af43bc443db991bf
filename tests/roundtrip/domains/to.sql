CREATE SCHEMA app;
CREATE DOMAIN app.email AS text NOT NULL DEFAULT 'nobody@example.com' CONSTRAINT email_has_at CHECK (VALUE LIKE '%_@_%') CONSTRAINT email_short CHECK (length(VALUE) < 300);
CREATE DOMAIN app.positive AS int CHECK (VALUE > 0);
CREATE TABLE app.t (id int PRIMARY KEY, email app.email, n app.positive);
