"""Frames -> what an analyst sees and takes away: plotly figures (``charts``), images and tables as
files (``export``), the method card of each chart (``methods``), the briefing document
(``briefing``), saved briefings in the corpus folder (``briefings``) and the default briefing
(``report``), the Article reader's markup (``reader``) and the command line's summary
(``summary``). Imported only by the app, the command line and itself:
measures never depend on how they are drawn.
"""
