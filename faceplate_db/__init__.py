"""faceplate-db: schema-as-code for the faceplate PostgreSQL schema, and its async data layer.

Packages:
  faceplate_db.migrate   schema.sql -> reviewed migration files -> guarded apply (sync, migra)
  faceplate_db.data      the async SQLAlchemy Core data layer on asyncpg
Modules at this level are shared by both: settings (config), the embedded default server
(embedded), the error tree (errors) and the command line (cli).
"""

__version__ = "0.1.0"
