-- One row per fact id.
SELECT
    fact_id,
    count(*) AS n_rows
FROM facts
GROUP BY fact_id
HAVING count(*) > 1;
