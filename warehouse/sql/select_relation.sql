-- {relation} is one of warehouse.export.relations() (our own table and view names), never user input.
SELECT * FROM {relation}
