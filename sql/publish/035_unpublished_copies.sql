-- Copies of documents in the lake that are not published: the old version of a changed file's
-- article, or a second copy of an article already published. The per-document views leave
-- out their rows: an anti-join with these few rows costs a fifth of a semi-join with every
-- published copy. (Every row of a lake part belongs to a document written in that part, so
-- the two keep the same rows.)
INSERT INTO unpublished_copies BY NAME
SELECT DISTINCT
    lake.doc_id,
    lake.part_id
FROM lake_documents AS lake
ANTI JOIN document_copies AS copy USING (doc_id, part_id)
ORDER BY doc_id, part_id;
