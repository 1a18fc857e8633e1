"""Framescope's library: loading, text analysis, charts. Pure Python and pandas; never Streamlit."""
