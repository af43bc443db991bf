-- faceplate-db migration 0001_initial
-- schema.sql sha256: 5dfb455ccb2aa7359a759f334a723b22274a29f5d6989cbbf4cd29bc52d8dd16
-- from fingerprint: e3b0c44298fc1c14
-- to fingerprint: b0504b1590de7dfb
-- hazards: none
--
-- Review every statement below. A statement marked `-- hazard: KIND` runs only after a
-- reviewer adds, for each hazard kind, the line `-- approve: KIND` (e.g. `-- approve: lock`)
-- to this header. Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY)
-- need the line `-- faceplate-db: no-transaction`.

create schema if not exists "faceplate";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION faceplate.touch_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
        BEGIN
            NEW.updated_at := now();
            RETURN NEW;
        END
    $function$
;

CREATE OR REPLACE FUNCTION faceplate.uuid_v7()
 RETURNS uuid
 LANGUAGE sql
 PARALLEL SAFE
AS $function$
        SELECT encode(
            set_bit(
                set_bit(
                    overlay(uuid_send(gen_random_uuid())
                            PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                            FROM 1 FOR 6),
                    52, 1),
                53, 1),
            'hex')::uuid
    $function$
;

create table "faceplate"."conversations" (
    "id" uuid not null default faceplate.uuid_v7(),
    "user_id" uuid not null,
    "title" text not null default ''::text,
    "created_at" timestamp with time zone not null default now(),
    "updated_at" timestamp with time zone not null default now()
);

create table "faceplate"."mcp_configs" (
    "id" uuid not null default faceplate.uuid_v7(),
    "user_id" uuid not null,
    "name" text not null,
    "config" jsonb not null default '{}'::jsonb,
    "enabled" boolean not null default true,
    "created_at" timestamp with time zone not null default now(),
    "updated_at" timestamp with time zone not null default now()
);

create table "faceplate"."messages" (
    "id" uuid not null default faceplate.uuid_v7(),
    "conversation_id" uuid not null,
    "role" text not null,
    "content" text not null default ''::text,
    "tool_calls" jsonb,
    "tool_results" jsonb,
    "created_at" timestamp with time zone not null default now()
);

create table "faceplate"."users" (
    "id" uuid not null default faceplate.uuid_v7(),
    "email" text not null,
    "subject_id" text not null,
    "created_at" timestamp with time zone not null default now()
);

CREATE UNIQUE INDEX conversations_pkey ON faceplate.conversations USING btree (id);

CREATE INDEX conversations_user_recent_idx ON faceplate.conversations USING btree (user_id, updated_at DESC, id DESC);

CREATE UNIQUE INDEX mcp_configs_pkey ON faceplate.mcp_configs USING btree (id);

CREATE UNIQUE INDEX mcp_configs_user_name_key ON faceplate.mcp_configs USING btree (user_id, name);

CREATE INDEX messages_conversation_order_idx ON faceplate.messages USING btree (conversation_id, created_at, id);

CREATE UNIQUE INDEX messages_pkey ON faceplate.messages USING btree (id);

CREATE UNIQUE INDEX users_email_key ON faceplate.users USING btree (email);

CREATE UNIQUE INDEX users_pkey ON faceplate.users USING btree (id);

CREATE UNIQUE INDEX users_subject_id_key ON faceplate.users USING btree (subject_id);

alter table "faceplate"."conversations" add constraint "conversations_pkey" PRIMARY KEY using index "conversations_pkey";

alter table "faceplate"."mcp_configs" add constraint "mcp_configs_pkey" PRIMARY KEY using index "mcp_configs_pkey";

alter table "faceplate"."messages" add constraint "messages_pkey" PRIMARY KEY using index "messages_pkey";

alter table "faceplate"."users" add constraint "users_pkey" PRIMARY KEY using index "users_pkey";

alter table "faceplate"."conversations" add constraint "conversations_title_length" CHECK ((char_length(title) <= 500)) not valid;

alter table "faceplate"."conversations" validate constraint "conversations_title_length";

alter table "faceplate"."conversations" add constraint "conversations_user_id_fkey" FOREIGN KEY (user_id) REFERENCES faceplate.users(id) ON DELETE CASCADE not valid;

alter table "faceplate"."conversations" validate constraint "conversations_user_id_fkey";

alter table "faceplate"."mcp_configs" add constraint "mcp_configs_config_is_object" CHECK ((jsonb_typeof(config) = 'object'::text)) not valid;

alter table "faceplate"."mcp_configs" validate constraint "mcp_configs_config_is_object";

alter table "faceplate"."mcp_configs" add constraint "mcp_configs_name_not_blank" CHECK ((length(btrim(name)) > 0)) not valid;

alter table "faceplate"."mcp_configs" validate constraint "mcp_configs_name_not_blank";

alter table "faceplate"."mcp_configs" add constraint "mcp_configs_user_id_fkey" FOREIGN KEY (user_id) REFERENCES faceplate.users(id) ON DELETE CASCADE not valid;

alter table "faceplate"."mcp_configs" validate constraint "mcp_configs_user_id_fkey";

alter table "faceplate"."mcp_configs" add constraint "mcp_configs_user_name_key" UNIQUE using index "mcp_configs_user_name_key";

alter table "faceplate"."messages" add constraint "messages_conversation_id_fkey" FOREIGN KEY (conversation_id) REFERENCES faceplate.conversations(id) ON DELETE CASCADE not valid;

alter table "faceplate"."messages" validate constraint "messages_conversation_id_fkey";

alter table "faceplate"."messages" add constraint "messages_role_check" CHECK ((role = ANY (ARRAY['system'::text, 'user'::text, 'assistant'::text, 'tool'::text]))) not valid;

alter table "faceplate"."messages" validate constraint "messages_role_check";

alter table "faceplate"."messages" add constraint "messages_tool_calls_is_array" CHECK (((tool_calls IS NULL) OR (jsonb_typeof(tool_calls) = 'array'::text))) not valid;

alter table "faceplate"."messages" validate constraint "messages_tool_calls_is_array";

alter table "faceplate"."messages" add constraint "messages_tool_results_is_array" CHECK (((tool_results IS NULL) OR (jsonb_typeof(tool_results) = 'array'::text))) not valid;

alter table "faceplate"."messages" validate constraint "messages_tool_results_is_array";

alter table "faceplate"."users" add constraint "users_email_format" CHECK ((email ~ '^[^@[:space:]]+@[^@[:space:]]+$'::text)) not valid;

alter table "faceplate"."users" validate constraint "users_email_format";

alter table "faceplate"."users" add constraint "users_email_key" UNIQUE using index "users_email_key";

alter table "faceplate"."users" add constraint "users_subject_id_key" UNIQUE using index "users_subject_id_key";

alter table "faceplate"."users" add constraint "users_subject_id_not_blank" CHECK ((length(btrim(subject_id)) > 0)) not valid;

alter table "faceplate"."users" validate constraint "users_subject_id_not_blank";

CREATE TRIGGER conversations_touch_updated_at BEFORE UPDATE ON faceplate.conversations FOR EACH ROW EXECUTE FUNCTION faceplate.touch_updated_at();

CREATE TRIGGER mcp_configs_touch_updated_at BEFORE UPDATE ON faceplate.mcp_configs FOR EACH ROW EXECUTE FUNCTION faceplate.touch_updated_at();

COMMENT ON FUNCTION faceplate.touch_updated_at() IS 'Trigger function: sets updated_at to the transaction time on every update.';

COMMENT ON FUNCTION faceplate.uuid_v7() IS 'A time-ordered UUIDv7, for rows inserted without a client-generated id.';

COMMENT ON SCHEMA faceplate IS 'The chat backend: users, their conversations and messages, their MCP server configurations.';

COMMENT ON TABLE faceplate.conversations IS 'A chat thread owned by one user.';

COMMENT ON TABLE faceplate.mcp_configs IS 'A user''s MCP (Model Context Protocol) server configurations.';

COMMENT ON TABLE faceplate.messages IS 'One turn of a conversation, in the order it was appended.';

COMMENT ON TABLE faceplate.users IS 'People who use the chat backend, one row per identity-provider subject.';

COMMENT ON COLUMN faceplate.conversations.created_at IS 'When the conversation was started.';

COMMENT ON COLUMN faceplate.conversations.id IS 'UUIDv7 primary key, generated client-side.';

COMMENT ON COLUMN faceplate.conversations.title IS 'Display title; empty until named, at most 500 characters.';

COMMENT ON COLUMN faceplate.conversations.updated_at IS 'Last change, including a new message; kept current by a trigger.';

COMMENT ON COLUMN faceplate.conversations.user_id IS 'The owning user; deleting the user deletes the conversation.';

COMMENT ON COLUMN faceplate.mcp_configs.config IS 'Server settings as a JSON object (command, arguments, environment, ...).';

COMMENT ON COLUMN faceplate.mcp_configs.created_at IS 'When the configuration was created.';

COMMENT ON COLUMN faceplate.mcp_configs.enabled IS 'Whether the chat backend offers this server to the model.';

COMMENT ON COLUMN faceplate.mcp_configs.id IS 'UUIDv7 primary key, generated client-side.';

COMMENT ON COLUMN faceplate.mcp_configs.name IS 'The configuration''s name, unique per user.';

COMMENT ON COLUMN faceplate.mcp_configs.updated_at IS 'Last change; kept current by a trigger.';

COMMENT ON COLUMN faceplate.mcp_configs.user_id IS 'The owning user; deleting the user deletes the configuration.';

COMMENT ON COLUMN faceplate.messages.content IS 'The message text.';

COMMENT ON COLUMN faceplate.messages.conversation_id IS 'The conversation; deleting it deletes its messages.';

COMMENT ON COLUMN faceplate.messages.created_at IS 'When the message was appended.';

COMMENT ON COLUMN faceplate.messages.id IS 'UUIDv7 primary key, generated client-side; orders messages appended in the same instant.';

COMMENT ON COLUMN faceplate.messages.role IS 'Who spoke: system, user, assistant or tool.';

COMMENT ON COLUMN faceplate.messages.tool_calls IS 'Tool invocations requested by the assistant: a JSON array, or NULL.';

COMMENT ON COLUMN faceplate.messages.tool_results IS 'Results returned by tools: a JSON array, or NULL.';

COMMENT ON COLUMN faceplate.users.created_at IS 'When the user first signed in.';

COMMENT ON COLUMN faceplate.users.email IS 'Email address; unique across users.';

COMMENT ON COLUMN faceplate.users.id IS 'UUIDv7 primary key, generated client-side.';

COMMENT ON COLUMN faceplate.users.subject_id IS 'The identity provider''s stable subject identifier; unique.';
