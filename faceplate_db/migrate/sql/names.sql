-- Every name a rename directive can mean, in the given schemas: (namespace, path..., kind).
-- Relations share one namespace (a table and an index cannot have the same name); kinds are
-- pg_class.relkind, pg_type.typtype ('row' for a table's row type), pg_constraint.contype,
-- pg_proc.prokind.
SELECT 'schema' AS namespace, n.nspname AS first, NULL AS second, NULL AS third, 'schema' AS kind
FROM pg_namespace n
WHERE n.nspname = ANY(%(schemas)s)
UNION ALL
SELECT 'relation', n.nspname, c.relname, NULL, c.relkind::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
UNION ALL
SELECT 'column', n.nspname, c.relname, a.attname, c.relkind::text
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s) AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint', n.nspname, c.relname, k.conname, k.contype::text
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
UNION ALL
SELECT 'type', n.nspname, t.typname, NULL,
       CASE WHEN c.relkind IS NOT NULL AND c.relkind <> 'c' THEN 'row' ELSE t.typtype::text END
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class c ON c.oid = t.typrelid
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
UNION ALL
SELECT 'enum value', n.nspname, t.typname, e.enumlabel, 'e'
FROM pg_enum e
JOIN pg_type t ON t.oid = e.enumtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY(%(schemas)s)
UNION ALL
SELECT 'function', n.nspname, p.proname, NULL, p.prokind::text
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY(%(schemas)s)
