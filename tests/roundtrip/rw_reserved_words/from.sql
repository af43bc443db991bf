-- An ORM that quotes everything: table names that are reserved words or mixed case.
CREATE TABLE "user" ("id" serial PRIMARY KEY, "name" text NOT NULL, "select" boolean DEFAULT false);
CREATE TABLE "Group" ("id" serial PRIMARY KEY, "Name" varchar(80) NOT NULL UNIQUE);
CREATE TABLE "user_Group" ("userId" int NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE, "groupId" int NOT NULL REFERENCES "Group" ("id") ON DELETE CASCADE, PRIMARY KEY ("userId", "groupId"));
CREATE TABLE "order" ("id" serial PRIMARY KEY, "user" int NOT NULL REFERENCES "user" ("id"), "from" date, "to" date, "limit" int);
CREATE INDEX "IDX_order_user" ON "order" ("user");
