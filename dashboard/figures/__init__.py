"""Pure builders that turn indicator tables into figure objects (no Streamlit)."""
