"""The Streamlit side: caching (``ui.cache``), the shared view and sidebar (``ui.view``)."""
from streamlit.runtime.pages_manager import PagesManager

# Streamlit decides per server whether the app uses the legacy pages-folder mode by checking for a
# `pages/` folder next to the entry point, and only leaves that mode when `st.navigation` runs. A
# first visit straight to /overview would run pages/overview.py alone (legacy mode) and keep the
# server there, with the folder's file names as navigation. Framescope routes with st.navigation
# in dashboard.py, so switch the legacy mode off as soon as any of our code is imported.
# (streamlit/streamlit#10276 discusses the pages-folder + st.navigation mix.)
PagesManager.uses_pages_directory = False
