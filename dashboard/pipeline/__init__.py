"""Cleaning pipeline: messy raw exports in, typed pseudonymised Parquet out."""
