-- Every entity id used anywhere names a published entity, and entity ids are unique.
WITH used AS (
    SELECT 'mentions' AS table_name, entity_id FROM mentions
    UNION ALL SELECT 'facts', subject_entity_id FROM facts
    UNION ALL SELECT 'quotes', speaker_entity_id FROM quotes
    UNION ALL SELECT 'roles', person_entity_id FROM roles
    UNION ALL SELECT 'roles', org_entity_id FROM roles
    UNION ALL SELECT 'sources', source_entity_id FROM sources
    UNION ALL SELECT 'events', subject_entity_id FROM events
    UNION ALL SELECT 'entities', parent_entity_id FROM entities
)

SELECT
    used.table_name,
    used.entity_id,
    'unknown entity' AS problem
FROM used
LEFT JOIN entities USING (entity_id)
WHERE used.entity_id IS NOT NULL AND entities.entity_id IS NULL
GROUP BY ALL
UNION ALL
SELECT
    'entities',
    entity_id,
    'duplicate entity id'
FROM entities
GROUP BY entity_id
HAVING count(*) > 1;
