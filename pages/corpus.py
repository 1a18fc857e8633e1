"""Corpus: every file, what became of it, where its metadata came from, and what cleaning removed."""
import pandas as pd
import streamlit as st

from lib.frames import UNKNOWN, plural
from lib.load import corpus, files, formats, metadata, outlets, repeats, uploads
from lib.load.corpus import STATUSES
from ui import editing, view, widgets

TABLE_COLUMNS = ["file", "row", "status", "outlet", "outlet_source", "group", "date", "date_source", "title",
                 "title_source", "words", "language", "message"]

st.title("Corpus")
st.write("Every file in the corpus folder: loaded, duplicate, skipped or in error, with where each "
         "outlet, date and title came from. Nothing here changes your files.")

loaded = view.current(needs_articles=False).corpus
records = loaded.records
counts = records["status"].value_counts()
for column, status in zip(st.columns(len(STATUSES)), STATUSES):
    column.metric(status.capitalize(), int(counts.get(status, 0)))
st.caption(f"Folder: {widgets.plain(loaded.root)} · new, changed or removed files show up by themselves within seconds.")

problems = loaded.problems
if len(problems):
    st.warning(f"{plural(len(problems), 'file or row', 'files or rows')} could not be loaded. The rest loaded normally.")
    widgets.table(problems[["file", "row", "status", "message"]], key="problems")

st.subheader("All records")
shown = st.pills("Status", STATUSES, selection_mode="multi", default=list(STATUSES), key="status_filter")
# What a news database's export header said (byline, section): shown only when some record has it.
exported = [c for c in ("byline", "section") if c in records and records[c].notna().any()]
columns = TABLE_COLUMNS[:TABLE_COLUMNS.index("title") + 1] + exported + TABLE_COLUMNS[TABLE_COLUMNS.index("title") + 1:]
table = records[records["status"].isin(shown or STATUSES)][columns]
widgets.table(table, key="records", labels={"outlet_source": "outlet from", "date_source": "date from",
                                            "title_source": "title from"}, config={
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
        widgets.table(removed, key="removed")


readable = records[records["status"].isin(["loaded", "duplicate"])]
if readable.empty:
    st.info("No article has loaded yet.")
else:
    inspect(readable)


def edit_metadata() -> None:
    articles = records[records["status"] == "loaded"]
    lacking = metadata.missing(articles)
    choices = [*metadata.EDITABLE, "any"]
    first = next((name for name in metadata.EDITABLE if lacking[name]), "any")
    # The counts are captions, not part of the option labels: a label that changes after a save
    # leaves the radio showing no choice at all.
    shown = st.radio("Show articles missing", choices, index=choices.index(first), horizontal=True, key="edit_missing",
                     format_func=lambda c: "show every article" if c == "any" else c,
                     captions=[plural(lacking.get(c, len(articles)), "article") for c in choices],
                     help="Fill in what the files do not say; it is saved in sources.csv in the corpus folder, "
                          "never in your files.")
    field = None if shown == "any" else shown
    editor = editing.Editor(loaded.root / metadata.SOURCES_FILE, lambda: metadata.to_edit(articles, lacking=field),
                            name="metadata_editor", view=shown)
    editor.announce()

    def save(edited: pd.DataFrame, *, expected: str | None) -> None:
        # Only the cells changed in the table go onto sources.csv as it is now: others' saves stay.
        values = metadata.merge_edits(metadata.read_overrides(loaded.root), editor.data, edited)
        metadata.write_overrides(loaded.root, values, expected=expected)

    if editor.data.empty:
        editor.settle(save)
        st.success(f"Every article has {'an' if field == 'outlet' else 'a'} {field}." if field else
                   "No article has loaded yet.")
        return
    # The outlet is chosen from the corpus's outlets, so a typo cannot make a new one; a name not
    # in the corpus yet is typed once below and joins the list (a Streamlit selectbox column takes
    # no free text).
    added = st.session_state.setdefault("new_outlets", [])
    known = sorted({*records.loc[records["status"].isin(["loaded", "duplicate"]), "outlet"].dropna(), *added}
                   - {UNKNOWN}, key=str.casefold)
    st.text_input("An outlet not in the list", key="new_outlet", placeholder="type its name and press Enter",
                  on_change=_add_outlet, help="It joins the outlet column's choices for this session.")
    edited = st.data_editor(editor.data, hide_index=True, disabled=["file", "row"], key=editor.key, placeholder="",
                            column_config={
                                "outlet": st.column_config.SelectboxColumn("outlet", options=known, width="medium"),
                                "date": st.column_config.TextColumn("date", help="YYYY-MM-DD"),
                                "title": st.column_config.TextColumn("title", width="large")})
    if st.button(f"Save to {metadata.SOURCES_FILE}", type="primary", key="save_metadata"):
        count, path = metadata.changed(editor.data, edited), loaded.root / metadata.SOURCES_FILE
        kept = f"; the previous version is kept beside it as .{path.name}.previous" if path.exists() else ""
        editor.save(edited, save, done=f"Saved {plural(count, 'change')} to {path}{kept}.")
    editor.settle(save, mine=edited)


def _add_outlet() -> None:
    name = " ".join(st.session_state.get("new_outlet", "").split())
    if name and name not in st.session_state.setdefault("new_outlets", []):
        st.session_state["new_outlets"].append(name)
    st.session_state["new_outlet"] = ""


def edit_groups() -> None:
    """Each outlet's group (left / right, state media, a country), saved in outlets.csv."""
    articles = records[records["status"] == "loaded"]
    editor = editing.Editor(loaded.root / metadata.ALIASES_FILE, lambda: metadata.groups_to_edit(articles),
                            name="group_editor")
    editor.announce()

    def save(edited: pd.DataFrame, *, expected: str | None) -> None:
        metadata.write_groups(loaded.root, edited, expected=expected)

    if editor.data.empty:
        editor.settle(save)
        st.info("No article has an outlet yet: set outlets first.")
        return
    edited = st.data_editor(editor.data, hide_index=True, disabled=["outlet", "articles"], key=editor.key,
                            column_config={"group": st.column_config.TextColumn(
                                "group", help="e.g. left, right, state media, a country; empty: no group")})
    if st.button(f"Save groups to {metadata.ALIASES_FILE}", key="save_groups"):
        editor.save(edited, save, done=f"Saved the groups to {loaded.root / metadata.ALIASES_FILE}.")
    editor.settle(save, mine=edited)


def merged_outlets() -> None:
    """The outlet spellings merged into one name, each with "Keep apart" (saved in outlets.csv)."""
    merges = outlets.merges(records)
    if merges.empty:
        st.caption("No outlet spellings were merged.")
        return
    widgets.table(merges, key="merges", labels={"written": "written in the files", "shown_as": "shown as"})
    if editing.read_only():
        return
    pick = st.selectbox("Keep one spelling as an outlet of its own", range(len(merges)), key="keep_apart_pick",
                        format_func=lambda i: f"{merges['written'][i]} (shown as {merges['shown_as'][i]})")
    if st.button("Keep apart", key="keep_apart", icon=":material/call_split:"):
        spelling = merges["written"][pick]
        try:
            path = metadata.keep_apart(loaded.root, spelling)
        except (ValueError, OSError) as exc:
            st.error(f"Nothing was saved: {widgets.plain(exc)}")
        else:
            st.success(f"{widgets.plain(spelling)} is an outlet of its own now (saved in {path}).")


def learnt_boilerplate() -> None:
    """The lines learnt as boilerplate, each with "Keep in the text" (saved in boilerplate.csv)."""
    learnt = loaded.boilerplate
    if learnt.empty:
        st.caption("No line recurs in enough articles of one outlet to be taken for boilerplate.")
        return
    widgets.table(learnt[["outlet", "line", "articles"]], key="learnt_lines")
    if editing.read_only():
        return
    pick = st.selectbox("Keep one of these lines in the articles' text", range(len(learnt)), key="keep_line_pick",
                        format_func=lambda i: f"{learnt['line'][i][:90]} ({learnt['outlet'][i]})")
    if st.button("Keep in the text", key="keep_line", icon=":material/undo:"):
        try:
            path = metadata.keep_line(loaded.root, learnt["normal"][pick])
        except (ValueError, OSError) as exc:
            st.error(f"Nothing was saved: {widgets.plain(exc)}")
        else:
            st.success(f"Kept in the text from now on (saved in {path}).")


def add_files() -> None:
    mode = st.radio("Upload", ["Files", "A folder"], horizontal=True, key="upload_mode")
    sent = st.file_uploader(f"Articles ({formats.supported()})", key=f"upload_{mode}",
                            accept_multiple_files=True if mode == "Files" else "directory",
                            max_upload_size=files.MAX_EXPORT_BYTES // 1_000_000)
    # The box prints one limit for every file: the export's. An article file's is smaller.
    st.caption(f"Up to {files.MAX_ARTICLE_BYTES // 1_000_000} MB per article file, "
               f"{files.MAX_DOCUMENT_BYTES // 1_000_000} MB per document (Word, OpenDocument, RTF, PDF), "
               f"{files.MAX_EXPORT_BYTES // 1_000_000} MB per export ({formats.export_labels()}, or a news "
               "database's text, RTF or HTML export) or archive (ZIP, tar, gzip).")
    if sent and st.button(f"Add {plural(len(sent), 'file')} to the corpus", key="save_uploads"):
        for item in sent:
            result = uploads.save(loaded.root, item.name, item.getvalue())
            (st.success if result.path else st.error)(f"{widgets.plain(item.name)}: {widgets.plain(result.message)}")


st.subheader("Outlet names merged")
st.caption("Spellings of one outlet's name (case, spaces, a leading \"The\", a web domain, initials such as "
           "\"nytimes\") are shown as one "
           "outlet on every chart. Two different outlets are never merged by this; keep one apart if they were.")
merged_outlets()

st.subheader("Boilerplate learnt from this corpus")
st.caption(f"A short line that recurs in {repeats.MIN_ARTICLES} or more articles of one outlet (a credit, a "
           "\"Read or Share this story\" line, a section label) is the site's furniture: it is taken out of the "
           "clean text, never out of your files. Sentences in the middle of a story, paragraphs that versions of "
           "one story share and quotations are not learnt. Keep a line if it belongs to the story.")
learnt_boilerplate()

st.subheader("Set missing metadata")
if editing.read_only():
    editing.read_only_note("metadata cannot be edited and files cannot be added here")
else:
    edit_metadata()
    st.subheader("Outlet groups")
    st.caption("Group outlets to compare sides (sidebar: Compare by group): left / right, state media / "
               "independent, countries. Saved in outlets.csv in the corpus folder.")
    edit_groups()
    st.subheader("Add files")
    add_files()
