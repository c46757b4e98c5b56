INSERT INTO runs BY NAME
SELECT *
FROM lake_runs
ORDER BY run_id;
