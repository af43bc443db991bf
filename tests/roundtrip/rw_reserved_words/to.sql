CREATE TYPE "OrderStatus" AS ENUM ('Pending', 'Paid', 'Shipped');
CREATE TABLE "user" ("id" serial PRIMARY KEY, "name" text NOT NULL, "select" boolean NOT NULL DEFAULT false, "createdAt" timestamptz NOT NULL DEFAULT now(), "table" jsonb);
CREATE TABLE "Group" ("id" serial PRIMARY KEY, "Name" varchar(120) NOT NULL UNIQUE, "Desc" text);
CREATE TABLE "user_Group" ("userId" int NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE, "groupId" int NOT NULL REFERENCES "Group" ("id") ON DELETE CASCADE, "isAdmin" boolean NOT NULL DEFAULT false, PRIMARY KEY ("userId", "groupId"));
CREATE TABLE "order" ("id" serial PRIMARY KEY, "user" int NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE, "from" date, "to" date, "limit" bigint, "status" "OrderStatus" NOT NULL DEFAULT 'Pending',
  CONSTRAINT "CHK_order_range" CHECK ("from" <= "to"));
CREATE INDEX "IDX_order_user" ON "order" ("user", "status");
CREATE UNIQUE INDEX "UQ_user_name_lower" ON "user" (lower("name"));
CREATE VIEW "OrderView" AS SELECT o."id", u."name" AS "userName", o."status", o."from", o."to" FROM "order" o JOIN "user" u ON u."id" = o."user";
CREATE FUNCTION "orderCount"("user" int) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public."order" WHERE "user" = $1 $$;
CREATE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW."createdAt" := coalesce(NEW."createdAt", now()); RETURN NEW; END $$;
CREATE TRIGGER "TR_user_touch" BEFORE INSERT ON "user" FOR EACH ROW EXECUTE FUNCTION "touch"();
COMMENT ON TABLE "order" IS 'Orders ("order" is reserved)';
COMMENT ON COLUMN "order"."limit" IS 'max items';
ALTER TABLE "order" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Owner Only" ON "order" USING ("user" = current_setting('app.user_id', true)::int);
