-- faceplate: the chat backend's schema. This file is the single source of truth:
-- edit it, run `nox -s diff -- --write NAME`, review the generated migration.

CREATE SCHEMA faceplate;
COMMENT ON SCHEMA faceplate IS 'The chat backend: users, their conversations and messages, their MCP server configurations.';

-- UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. The data layer generates ids
-- client-side; this default gives raw-SQL inserts the same time-ordered keys.
CREATE FUNCTION faceplate.uuid_v7() RETURNS uuid
    LANGUAGE sql VOLATILE PARALLEL SAFE
    AS $$
        SELECT encode(
            set_bit(
                set_bit(
                    overlay(uuid_send(gen_random_uuid())
                            PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                            FROM 1 FOR 6),
                    52, 1),
                53, 1),
            'hex')::uuid
    $$;
COMMENT ON FUNCTION faceplate.uuid_v7() IS 'A time-ordered UUIDv7, for rows inserted without a client-generated id.';

-- Keeps updated_at current on every UPDATE, whoever issues it (application or raw SQL).
CREATE FUNCTION faceplate.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
        BEGIN
            NEW.updated_at := now();
            RETURN NEW;
        END
    $$;
COMMENT ON FUNCTION faceplate.touch_updated_at() IS 'Trigger function: sets updated_at to the transaction time on every update.';


CREATE TABLE faceplate.users (
    id          uuid        NOT NULL DEFAULT faceplate.uuid_v7(),
    email       text        NOT NULL,
    subject_id  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_subject_id_key UNIQUE (subject_id),
    CONSTRAINT users_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CONSTRAINT users_subject_id_not_blank CHECK (length(btrim(subject_id)) > 0)
);
COMMENT ON TABLE faceplate.users IS 'People who use the chat backend, one row per identity-provider subject.';
COMMENT ON COLUMN faceplate.users.id IS 'UUIDv7 primary key, generated client-side.';
COMMENT ON COLUMN faceplate.users.email IS 'Email address; unique across users.';
COMMENT ON COLUMN faceplate.users.subject_id IS 'The identity provider''s stable subject identifier; unique.';
COMMENT ON COLUMN faceplate.users.created_at IS 'When the user first signed in.';


CREATE TABLE faceplate.conversations (
    id          uuid        NOT NULL DEFAULT faceplate.uuid_v7(),
    user_id     uuid        NOT NULL,
    title       text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversations_pkey PRIMARY KEY (id),
    CONSTRAINT conversations_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES faceplate.users (id) ON DELETE CASCADE,
    CONSTRAINT conversations_title_length CHECK (char_length(title) <= 500)
);
COMMENT ON TABLE faceplate.conversations IS 'A chat thread owned by one user.';
COMMENT ON COLUMN faceplate.conversations.id IS 'UUIDv7 primary key, generated client-side.';
COMMENT ON COLUMN faceplate.conversations.user_id IS 'The owning user; deleting the user deletes the conversation.';
COMMENT ON COLUMN faceplate.conversations.title IS 'Display title; empty until named, at most 500 characters.';
COMMENT ON COLUMN faceplate.conversations.created_at IS 'When the conversation was started.';
COMMENT ON COLUMN faceplate.conversations.updated_at IS 'Last change, including a new message; kept current by a trigger.';

-- A user's conversations by recency, with id as the keyset tie-breaker.
CREATE INDEX conversations_user_recent_idx
    ON faceplate.conversations (user_id, updated_at DESC, id DESC);

CREATE TRIGGER conversations_touch_updated_at
    BEFORE UPDATE ON faceplate.conversations
    FOR EACH ROW EXECUTE FUNCTION faceplate.touch_updated_at();


CREATE TABLE faceplate.messages (
    id              uuid        NOT NULL DEFAULT faceplate.uuid_v7(),
    conversation_id uuid        NOT NULL,
    role            text        NOT NULL,
    content         text        NOT NULL DEFAULT '',
    tool_calls      jsonb,
    tool_results    jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_conversation_id_fkey FOREIGN KEY (conversation_id)
        REFERENCES faceplate.conversations (id) ON DELETE CASCADE,
    CONSTRAINT messages_role_check CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    CONSTRAINT messages_tool_calls_is_array CHECK (tool_calls IS NULL OR jsonb_typeof(tool_calls) = 'array'),
    CONSTRAINT messages_tool_results_is_array CHECK (tool_results IS NULL OR jsonb_typeof(tool_results) = 'array')
);
COMMENT ON TABLE faceplate.messages IS 'One turn of a conversation, in the order it was appended.';
COMMENT ON COLUMN faceplate.messages.id IS 'UUIDv7 primary key, generated client-side; orders messages appended in the same instant.';
COMMENT ON COLUMN faceplate.messages.conversation_id IS 'The conversation; deleting it deletes its messages.';
COMMENT ON COLUMN faceplate.messages.role IS 'Who spoke: system, user, assistant or tool.';
COMMENT ON COLUMN faceplate.messages.content IS 'The message text.';
COMMENT ON COLUMN faceplate.messages.tool_calls IS 'Tool invocations requested by the assistant: a JSON array, or NULL.';
COMMENT ON COLUMN faceplate.messages.tool_results IS 'Results returned by tools: a JSON array, or NULL.';
COMMENT ON COLUMN faceplate.messages.created_at IS 'When the message was appended.';

-- A conversation's messages in order, with id as the keyset tie-breaker.
CREATE INDEX messages_conversation_order_idx
    ON faceplate.messages (conversation_id, created_at, id);


CREATE TABLE faceplate.mcp_configs (
    id          uuid        NOT NULL DEFAULT faceplate.uuid_v7(),
    user_id     uuid        NOT NULL,
    name        text        NOT NULL,
    config      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mcp_configs_pkey PRIMARY KEY (id),
    CONSTRAINT mcp_configs_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES faceplate.users (id) ON DELETE CASCADE,
    -- Also the index for a user's configs by name.
    CONSTRAINT mcp_configs_user_name_key UNIQUE (user_id, name),
    CONSTRAINT mcp_configs_name_not_blank CHECK (length(btrim(name)) > 0),
    CONSTRAINT mcp_configs_config_is_object CHECK (jsonb_typeof(config) = 'object')
);
COMMENT ON TABLE faceplate.mcp_configs IS 'A user''s MCP (Model Context Protocol) server configurations.';
COMMENT ON COLUMN faceplate.mcp_configs.id IS 'UUIDv7 primary key, generated client-side.';
COMMENT ON COLUMN faceplate.mcp_configs.user_id IS 'The owning user; deleting the user deletes the configuration.';
COMMENT ON COLUMN faceplate.mcp_configs.name IS 'The configuration''s name, unique per user.';
COMMENT ON COLUMN faceplate.mcp_configs.config IS 'Server settings as a JSON object (command, arguments, environment, ...).';
COMMENT ON COLUMN faceplate.mcp_configs.enabled IS 'Whether the chat backend offers this server to the model.';
COMMENT ON COLUMN faceplate.mcp_configs.created_at IS 'When the configuration was created.';
COMMENT ON COLUMN faceplate.mcp_configs.updated_at IS 'Last change; kept current by a trigger.';

CREATE TRIGGER mcp_configs_touch_updated_at
    BEFORE UPDATE ON faceplate.mcp_configs
    FOR EACH ROW EXECUTE FUNCTION faceplate.touch_updated_at();
