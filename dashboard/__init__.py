"""Presisi: bansos distribution quality for Lampung (a Streamlit dashboard and its data pipeline)."""
