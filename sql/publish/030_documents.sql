INSERT INTO documents BY NAME
SELECT
    doc.* EXCLUDE (part_id, source_path, source_line),
    live.source_path,
    nullif(live.ordinal, 0) AS source_line  -- JSONL lines count from 1; other files hold one article
FROM lake_documents AS doc
INNER JOIN live_docs AS live USING (doc_id, part_id)
ORDER BY doc.doc_id;
