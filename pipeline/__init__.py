"""Orchestration, the command line, loading, comparing and reporting."""
