-- One row per document id.
SELECT
    doc_id,
    count(*) AS n_rows
FROM documents
GROUP BY doc_id
HAVING count(*) > 1;
