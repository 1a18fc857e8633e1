"""Corpus: every file, what became of it, where its metadata came from, and what cleaning removed."""
import pandas as pd
import streamlit as st

from lib.frames import plural
from lib.load import corpus, files, formats, metadata, uploads
from lib.load.corpus import STATUSES
from ui import editing, view, widgets

TABLE_COLUMNS = ["file", "row", "status", "outlet", "outlet_source", "date", "date_source", "title",
                 "title_source", "words", "language", "message"]

st.title("Corpus")
st.write("Every file in the corpus folder: loaded, duplicate, skipped or in error, with where each "
         "outlet, date and title came from. Nothing here changes your files.")

loaded = view.current(needs_articles=False).corpus
records = loaded.records
counts = records["status"].value_counts()
for column, status in zip(st.columns(len(STATUSES)), STATUSES):
    column.metric(status.capitalize(), int(counts.get(status, 0)))
st.caption(f"Folder: {widgets.plain(loaded.root)} · new, changed or removed files show up on the next click.")

problems = loaded.problems
if len(problems):
    st.warning(f"{plural(len(problems), 'file or row', 'files or rows')} could not be loaded. The rest loaded normally.")
    st.dataframe(problems[["file", "row", "status", "message"]], hide_index=True, key="problems")

st.subheader("All records")
shown = st.pills("Status", STATUSES, selection_mode="multi", default=list(STATUSES), key="status_filter")
table = records[records["status"].isin(shown or STATUSES)][TABLE_COLUMNS]
st.dataframe(table, hide_index=True, key="records", column_config={
    "date": st.column_config.DateColumn("date"), "words": st.column_config.NumberColumn("words")})

st.subheader("Inspect an article")


def inspect(readable: pd.DataFrame) -> None:
    labels = (readable["file"].astype(str) + readable["row"].map(lambda r: f" (row {r})" if pd.notna(r) else "")
              ).reset_index(drop=True)
    picked = widgets.pick_article(labels, key="inspect", search_label="Find an article by file name or title",
                                  searched=labels + " " + readable["title"].astype(object).fillna("").astype(str).to_numpy())
    if picked is None:
        return
    article = readable.iloc[picked]
    widgets.metadata_table(article, key="inspect_meta")
    raw, clean = st.columns(2)
    raw.markdown("**Raw text** (as in the file)")
    detail = corpus.details(loaded, article["file"], article["row"])
    raw.code(detail["raw_text"], language=None, wrap_lines=True, height=420)
    clean.markdown(f"**Clean text** ({article['words']} words, analysed)")
    clean.code(loaded.texts.get(article["id"]), language=None, wrap_lines=True, height=420)
    removed = pd.DataFrame(detail["removed"], columns=["reason", "text"])
    st.markdown(f"**Removed by cleaning** ({len(removed)})")
    if len(removed):
        st.dataframe(removed, hide_index=True, key="removed")


readable = records[records["status"].isin(["loaded", "duplicate"])]
if readable.empty:
    st.info("No article has loaded yet.")
else:
    inspect(readable)


def edit_metadata() -> None:
    show_all = st.toggle("Show every article, not only those missing an outlet, date or title", key="edit_all")

    def editable() -> pd.DataFrame:
        """The articles to edit (file, row, outlet, date as YYYY-MM-DD, title), as the corpus has them now."""
        articles = records[records["status"] == "loaded"]
        chosen = articles if show_all else articles[articles[["outlet", "date", "title"]].isna().any(axis=1)]
        return chosen[["file", "row", *metadata.EDITABLE]].assign(
            date=chosen["date"].dt.strftime("%Y-%m-%d")).reset_index(drop=True)

    def save(edited: pd.DataFrame, *, expected: str | None) -> None:
        # Only the cells changed in the table go onto sources.csv as it is now: others' saves stay.
        values = metadata.merge_edits(metadata.read_overrides(loaded.root), editor.data, edited)
        metadata.write_overrides(loaded.root, values, expected=expected)

    editor = editing.Editor(loaded.root / metadata.SOURCES_FILE, editable, name="metadata_editor", view=show_all)
    if editor.data.empty:
        editor.settle(save)  # "Saved ..." when the save filled in the last one
        st.success("Every article has an outlet, a date and a title.")
        return
    edited = st.data_editor(editor.data, hide_index=True, disabled=["file", "row"], key=editor.key)
    if st.button(f"Save to {metadata.SOURCES_FILE}", type="primary", key="save_metadata"):
        editor.save(edited, save, done=f"Saved {metadata.SOURCES_FILE}; the previous version is kept as "
                                      f".{metadata.SOURCES_FILE}.previous.")
    editor.settle(save, mine=edited)


def add_files() -> None:
    mode = st.radio("Upload", ["Files", "A folder"], horizontal=True, key="upload_mode")
    sent = st.file_uploader(f"Articles ({formats.supported()})", key=f"upload_{mode}",
                            accept_multiple_files=True if mode == "Files" else "directory",
                            max_upload_size=files.MAX_EXPORT_BYTES // 1_000_000,
                            help=f"Up to {files.MAX_ARTICLE_BYTES // 1_000_000} MB per article file, "
                                 f"{files.MAX_EXPORT_BYTES // 1_000_000} MB per export ({formats.export_labels()}).")
    if sent and st.button(f"Add {plural(len(sent), 'file')} to the corpus", key="save_uploads"):
        for item in sent:
            result = uploads.save(loaded.root, item.name, item.getvalue())
            (st.success if result.path else st.error)(f"{widgets.plain(item.name)}: {widgets.plain(result.message)}")


st.subheader("Set missing metadata")
if editing.read_only():
    editing.read_only_note("metadata cannot be edited and files cannot be added here")
else:
    edit_metadata()
    st.subheader("Add files")
    add_files()
