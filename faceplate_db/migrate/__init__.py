"""The schema tool: schema.sql -> reviewed migration files -> guarded apply. Synchronous
(migra and schemainspect run on a SQLAlchemy sync engine over psycopg 3).

  plan.py         the shared vocabulary: Statement, hazard kinds, DiffResult
  inspect.py      reading a database's managed schemas with schemainspect; fingerprints
  scratch.py      scratch databases: create, load schema.sql with file:line errors, always drop
  diff.py         the migra engine and the gaps the tool fills itself (comments, ordering)
  hazards.py      classifying statements: data-loss, rewrite, lock
  migrations.py   migration files: names, header, parsing, checksums, approvals, directives
  history.py      the history table and the advisory lock (its SQL in sql/)
  apply.py        applying pending migrations; baseline
  status.py       applied / pending / drift
  check.py        the CI gate: migrations replayed onto a scratch database vs schema.sql
  render.py       results as SQL, markdown and JSON
"""

import warnings

# migra and schemainspect import pkg_resources (pinned setuptools < 81 keeps it importable);
# its deprecation warning would otherwise open every command's output.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
