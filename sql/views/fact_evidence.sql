-- Every fact with the evidence behind it: its sentence with the span highlighted, and the
-- document it comes from.
CREATE VIEW fact_evidence AS
WITH located AS (
    SELECT
        f.*,
        s.text AS sentence_text,
        -- the fact's offsets inside its sentence (both are code-point offsets into body_text)
        f.char_start - s.char_start AS start_in_sentence,
        f.char_end - s.char_start AS end_in_sentence
    FROM facts AS f
    INNER JOIN sentences AS s USING (doc_id, sentence_no)
)

SELECT
    located.fact_id,
    located.doc_id,
    located.fact_type,
    located.surface,
    located.value,
    located.value_high,
    located.unit,
    located.category,
    located.value_date,
    located.date_granularity,
    located.direction,
    located.status,
    located.subject,
    located.subject_entity_id,
    located.sentence_no,
    located.char_start,
    located.char_end,
    located.sentence_text,
    substring(located.sentence_text, 1, located.start_in_sentence)
    || '[[' || located.surface || ']]'
    || substring(located.sentence_text, located.end_in_sentence + 1) AS evidence_highlight,
    d.title,
    d.outlet,
    d.published_at,
    d.source_path
FROM located
INNER JOIN documents AS d USING (doc_id);

COMMENT ON VIEW fact_evidence IS 'Every fact with its evidence: the sentence it was read from (span highlighted in [[...]]), the document title, outlet and publication date.';
COMMENT ON COLUMN fact_evidence.fact_id IS 'Deterministic fact id (facts.fact_id).';
COMMENT ON COLUMN fact_evidence.doc_id IS 'Document the fact comes from (documents.doc_id).';
COMMENT ON COLUMN fact_evidence.fact_type IS 'money, percent, quantity, rank or date.';
COMMENT ON COLUMN fact_evidence.surface IS 'The fact as written in the article.';
COMMENT ON COLUMN fact_evidence.value IS 'Normalised value (full magnitude; percent as written; rank position).';
COMMENT ON COLUMN fact_evidence.value_high IS 'Upper bound of a range, else NULL.';
COMMENT ON COLUMN fact_evidence.unit IS 'ISO 4217 currency, percent, percentage_points, counted noun, or rank.';
COMMENT ON COLUMN fact_evidence.category IS 'Metric (revenue, sales, price, ...) or rank category, when stated.';
COMMENT ON COLUMN fact_evidence.value_date IS 'Resolved date of a date fact.';
COMMENT ON COLUMN fact_evidence.date_granularity IS 'Granularity of value_date: day, month, quarter, year, ...';
COMMENT ON COLUMN fact_evidence.direction IS 'up or down for changes, else NULL.';
COMMENT ON COLUMN fact_evidence.status IS 'reported, target, forecast, rumored, negated or hypothetical.';
COMMENT ON COLUMN fact_evidence.subject IS 'Canonical name of the entity the fact is about, where the text says.';
COMMENT ON COLUMN fact_evidence.subject_entity_id IS 'Entity id of the subject (entities.entity_id).';
COMMENT ON COLUMN fact_evidence.sentence_no IS '0-based sentence number in the document.';
COMMENT ON COLUMN fact_evidence.char_start IS 'Start offset of the fact in documents.body_text (code points, 0-based).';
COMMENT ON COLUMN fact_evidence.char_end IS 'End offset (exclusive) of the fact in documents.body_text.';
COMMENT ON COLUMN fact_evidence.sentence_text IS 'The sentence the fact was read from.';
COMMENT ON COLUMN fact_evidence.evidence_highlight IS 'The sentence with the fact''s span marked as [[surface]].';
COMMENT ON COLUMN fact_evidence.title IS 'Title of the document.';
COMMENT ON COLUMN fact_evidence.outlet IS 'Outlet (publisher) of the document, when known.';
COMMENT ON COLUMN fact_evidence.published_at IS 'Publication time of the document, when known.';
COMMENT ON COLUMN fact_evidence.source_path IS 'Input file the document was first read from.';
