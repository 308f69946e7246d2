-- Every column of every table and view of the warehouse (main schema), in order: what schema.yml must document.
SELECT table_name AS relation, column_name AS "column"
FROM information_schema.columns
WHERE table_schema = 'main' AND table_catalog = current_database()
ORDER BY table_name, ordinal_position
