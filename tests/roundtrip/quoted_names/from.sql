CREATE SCHEMA app;
CREATE TYPE app."Mood" AS ENUM ('Sad', 'Happy', 'It''s ok');
CREATE TABLE app."Order Items" ("Id" int PRIMARY KEY, "Qty" int, "Mood" app."Mood", "Note" text);
COMMENT ON TABLE app."Order Items" IS 'items';
COMMENT ON COLUMN app."Order Items"."Qty" IS 'quantity';
CREATE VIEW app."Big Orders" AS SELECT "Id", "Qty" FROM app."Order Items" WHERE "Qty" > 10;
CREATE FUNCTION app."Total"("n" int) RETURNS int LANGUAGE sql AS $$ SELECT "n" * 2 $$;
COMMENT ON FUNCTION app."Total"(int) IS 'doubles';
