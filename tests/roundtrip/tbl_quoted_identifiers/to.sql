CREATE SCHEMA app;
CREATE TABLE app."Customer" ("Id" int PRIMARY KEY, "Email" text NOT NULL, "Type" varchar(20), "group" text,
  CONSTRAINT "Customer Email Unique" UNIQUE ("Email"),
  CONSTRAINT "Type ok" CHECK ("Type" <> 'It''s bad'));
CREATE TABLE app."Order" ("Id" int PRIMARY KEY, "CustomerId" int, "Total" bigint,
  CONSTRAINT "FK Order→Customer" FOREIGN KEY ("CustomerId") REFERENCES app."Customer" ("Id") ON DELETE CASCADE);
CREATE INDEX "Order CustomerId" ON app."Order" ("CustomerId", "Total" DESC);
