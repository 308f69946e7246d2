"""Communique warehouse: DuckDB schema (numbered migrations), idempotent loads, validation, views."""
