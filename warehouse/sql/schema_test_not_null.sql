-- Declared test not_null (schema.yml): the rows where the column is null; none when it holds.
-- {relation}, {column}: quoted identifiers filled in by warehouse/column_tests.py.
SELECT NULL AS value, count(*) AS n
FROM {relation}
WHERE {column} IS NULL
HAVING count(*) > 0
