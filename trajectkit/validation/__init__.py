"""Checking a catalogue: the pipeline, the report, the cache and the refusal policy."""
