"""Communique flows: Prefect wiring, settings and the CLI."""
