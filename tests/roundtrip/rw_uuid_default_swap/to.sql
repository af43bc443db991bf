-- ... and now uses the built-in gen_random_uuid(); its own function is gone.
CREATE TABLE documents (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text NOT NULL);
CREATE TABLE attachments (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), document_id uuid NOT NULL REFERENCES documents ON DELETE CASCADE);
