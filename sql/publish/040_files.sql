INSERT INTO files BY NAME
SELECT *
FROM current_files
ORDER BY path, input_root;
