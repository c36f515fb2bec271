"""The Streamlit layer: the only package (with ``dashboard/app.py``) that imports streamlit."""
