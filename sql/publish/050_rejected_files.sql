-- Rejections of the current version of each file only: a file fixed since is not listed.
INSERT INTO rejected_files BY NAME
SELECT rejected.* EXCLUDE (input_root, content_hash)
FROM lake_rejected_files AS rejected
INNER JOIN current_files AS cf
    ON cf.input_root = rejected.input_root
    AND cf.path = rejected.path
    AND cf.content_hash IS NOT DISTINCT FROM rejected.content_hash
ORDER BY rejected.path, rejected.line_no NULLS FIRST, rejected.reason;
