CREATE SCHEMA app;
CREATE TABLE app.ticket (
    id int PRIMARY KEY,
    status varchar(20) NOT NULL CHECK (status IN ('open', 'closed', 'won''t fix')),
    kind varchar(10) DEFAULT 'bug' CHECK (kind IN ('bug', 'feature') OR kind IS NULL)
);
CREATE INDEX ticket_open_idx ON app.ticket (id) WHERE status IN ('open', 'reopened');
CREATE VIEW app.open_tickets AS SELECT id, status FROM app.ticket WHERE status IN ('open', 'reopened') AND kind NOT IN ('feature');
