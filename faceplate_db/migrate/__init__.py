"""The migration workflow a user drives: schema.sql -> reviewed migration files -> guarded apply.
Synchronous (the engine reads databases over psycopg 3). It reaches the diff engine only through
`faceplate_db.engine`'s public face.

  planning.py     a migration planned: schema.sql into a scratch database, the engine's
                  statements from the live database to it (and back); DiffResult
  scratch.py      scratch databases: create, load schema.sql with file:line errors, always drop
  directives.py   `-- faceplate-db:` lines of schema files (renames) and migration files
  renames.py      declared renames resolved against the live and scratch databases
  sql_text.py     splitting SQL text into statements and comments; the bookkeeping SQL (sql/)
  migrations.py   migration files: names, header, parsing, checksums, approvals, directives
  writing.py      migration files written: the next number, the header, the statements
  history.py      the history table and the advisory lock (its SQL in sql/)
  apply.py        applying pending migrations; baseline
  status.py       applied / pending / drift
  check.py        the CI gate: migrations replayed onto a scratch database vs schema.sql
  render.py       results as SQL, markdown and JSON
  startup.py      the library API for application startup: upgrade(), verify() and their
                  async forms, exported here

Hazard classification is the engine's (it labels what it computes); migration files use the same
`classify` on what a reviewer wrote, through the engine's face.
"""

from faceplate_db.migrate.startup import upgrade, upgrade_async, verify, verify_async

__all__ = ["upgrade", "upgrade_async", "verify", "verify_async"]
