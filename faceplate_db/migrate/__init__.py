"""The migration workflow a user drives: schema.sql -> reviewed migration files -> guarded apply.
Synchronous (the engine reads databases over psycopg 3). It reaches the diff engine only through
`faceplate_db.engine`'s public face.

  planning.py     a migration planned: schema.sql into a scratch database, the engine's
                  statements from the live database to it (and back); DiffResult
  scratch.py      scratch databases: create, load schema.sql with file:line errors, always drop
  directives.py   `-- faceplate-db:` lines of schema files (renames) and migration files
  renames.py      declared renames resolved against the live and scratch databases
  named_objects.py  what a rename can name: a database's names and kinds, before and after
                  other renames
  sql_text.py     splitting SQL text into statements and comments; the bookkeeping SQL (sql/)
  migrations.py   migration files: names, header, parsing, checksums, approvals, directives
  writing.py      migration files written: the next number, the header, the statements; and
                  the down file beside it
  folder.py       the migrations folder: each migration with its down file; what stands in
                  the way of rolling one back
  history.py      the history tables and the advisory lock (their SQL in sql/)
  running.py      one file run under guard: fingerprints before and after, one transaction
                  with its history (shared by apply, rollback and check)
  guards.py       what apply and rollback check before anything runs
  apply.py        applying pending migrations; baseline
  rollback.py     rolling applied migrations back with their down files
  status.py       applied / pending / drift
  check.py        the CI gate: migrations replayed onto a scratch database vs schema.sql
  render.py       results as SQL, markdown and JSON
  startup.py      the library API for application startup: upgrade(), verify() and their
                  async forms, exported here

Hazard classification is the engine's (it labels what it computes); migration files use the same
`classify` on what a reviewer wrote, through the engine's face.
"""

from faceplate_db.migrate.startup import upgrade, upgrade_async, verify, verify_async

__all__ = ["FORMATS", "upgrade", "upgrade_async", "verify", "verify_async"]

# The output formats of `diff` (render.py writes them); here, so the command line can offer
# them without importing the workflow (startup.py above imports only config and errors).
FORMATS = ("sql", "markdown", "json")
