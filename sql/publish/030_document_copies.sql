-- The copy published for each live document, with the input file it is credited to. The
-- per-document views (documents, sentences, facts, ...) keep only the rows of these copies.
INSERT INTO document_copies BY NAME
SELECT
    doc_id,
    part_id,
    source_path,
    nullif(ordinal, 0) AS source_line  -- JSONL lines count from 1; other files hold one article
FROM live_docs
ORDER BY doc_id;
