"""Import raw exports safely: stage, sniff, map headers, preview, commit as a version."""
