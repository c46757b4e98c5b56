-- The current version of every input file: its latest committed ledger row.
CREATE TEMP TABLE current_files AS
SELECT *
FROM lake_files
QUALIFY row_number() OVER (PARTITION BY input_root, path ORDER BY run_id DESC) = 1;
