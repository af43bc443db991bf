"""The diff engine: two inspected databases in, the ordered statements between them out.

Its public face is this package: take a snapshot of a database's managed schemas, fingerprint
it, and compute the classified statements from one snapshot to another. The workflow
(faceplate_db.migrate) and the benches import only these names, never a module below, so the
repair modules can change without the rest noticing. Names load on first use (PEP 562): the
command line imports this package without paying for migra and schemainspect.

  snapshot(url, schemas)            one database read once (inspect.py)
  take_snapshot(conn, schemas)      the same, inside a transaction the caller holds
  fingerprint(snapshot)             16 hex digits for the schema's structure and comments
  statements_between(old, new)      the classified statements from old to new (diff.py)
  snapshot_pair, diff_databases     both sides read side by side; the statements between URLs
  inspection_connection(url)        the SQLAlchemy connection the engine reads through
  Statement, hazard kinds           the engine's output vocabulary (plan.py)
  classify, Context                 a statement's hazards, also for statements a person wrote
  unquote_name                      a possibly quoted, qualified SQL name as the catalog spells it
  quote_identifier, qualified_name, string_literal  SQL the workflow writes itself (renames)

Module map:

  plan.py            Statement and the hazard kinds
  hazards.py         classifying one statement: data-loss, rewrite, lock
  inspect.py         a Snapshot: schemainspect's inspector narrowed to the managed schemas,
                     plus the catalog facts; fingerprints
  catalog/           the catalog facts schemainspect misses, one query module per family
  capabilities.py    what the server's major can do, by name: the only place that knows
                     which major added what
  schemainspect_fixes.py  patches to the pinned schemainspect, each asserting what it replaces
  diff.py            migra and the steps around it
  ordering.py        the statements' order: a stable topological sort by both databases'
                     dependency graphs (catalog/dependencies.py, dependency_graph.py), each
                     statement read for what it creates, drops and touches
                     (statement_objects.py); dependency cycles broken as pg_dump breaks them
                     (cycles.py)
  selectables.py     composite types altered in place, materialized views' indexes kept
  unmanaged.py       refusing a change that objects outside the managed schemas depend on
  unsupported.py     refusing a difference the engine cannot express, by the object's name
  names.py, expressions.py  SQL names and literals; expressions that parse back to themselves
  one repair module per object kind: enums, domains, keys, enforcement, functions, columns,
  partitions, sequences, privileges, table_settings, catalog_objects, comments
"""

from __future__ import annotations

import importlib
import warnings

# migra and schemainspect import pkg_resources (pinned setuptools < 81 keeps it importable);
# its deprecation warning would otherwise open every command's output.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

_PUBLIC = {
    "Snapshot": "inspect",
    "snapshot": "inspect",
    "take_snapshot": "inspect",
    "fingerprint": "inspect",
    "inspection_connection": "inspect",
    "statements_between": "diff",
    "snapshot_pair": "diff",
    "diff_databases": "diff",
    "Statement": "plan",
    "DATA_LOSS": "plan",
    "BREAKING": "plan",
    "REWRITE": "plan",
    "LOCK": "plan",
    "HAZARD_KINDS": "plan",
    "classify": "hazards",
    "Context": "hazards",
    "unquote_name": "names",
    "quote_identifier": "names",
    "qualified_name": "names",
    "string_literal": "names",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
