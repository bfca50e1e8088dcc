"""Streamlit-only helpers: the single place for st.cache_resource, i18n t(), job widgets, viewers."""
