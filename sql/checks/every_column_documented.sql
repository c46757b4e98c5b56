-- Every published table and view, and each of their columns, carries a COMMENT (BI tools
-- show it as the data dictionary). Temporary objects of the publishing session are not
-- published.
SELECT
    table_name AS relation,
    NULL AS column_name
FROM duckdb_tables()
WHERE NOT internal AND NOT temporary AND schema_name = 'main' AND comment IS NULL
UNION ALL
SELECT
    view_name,
    NULL
FROM duckdb_views()
WHERE NOT internal AND NOT temporary AND schema_name = 'main' AND comment IS NULL
UNION ALL
SELECT
    table_name,
    column_name
FROM duckdb_columns()
WHERE NOT internal AND schema_name = 'main' AND database_name <> 'temp' AND comment IS NULL;
