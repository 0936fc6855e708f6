"""Checking a catalogue: the pipeline, the schema check, the cache and the refusal policy."""
