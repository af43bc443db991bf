CREATE SCHEMA app;
CREATE TABLE app.parent (id int PRIMARY KEY, code text, CONSTRAINT parent_code_key UNIQUE (code));
CREATE TABLE app.child (id int PRIMARY KEY, parent_id int, qty int, CONSTRAINT child_qty_positive CHECK (qty >= 0), CONSTRAINT child_parent_fkey FOREIGN KEY (parent_id) REFERENCES app.parent (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, CONSTRAINT child_qty_small CHECK (qty < 1000));
