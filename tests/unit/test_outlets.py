from lib.load import outlets


def test_spellings_of_one_name_share_a_key():
    same = ["The Harbour Courier", "theharbourcourier", "harbour-courier", "HarbourCourier.com",
            "www.harbourcourier.co.uk", "  the harbour courier "]
    assert {outlets.name_key(s) for s in same} == {"theharbourcourier", "harbourcourier"}
    assert set(outlets.canonical_names(same).values()) == {"The Harbour Courier"}


def test_different_names_keep_different_keys():
    assert outlets.name_key("Harbour Courier") != outlets.name_key("Harbour Courier Weekly")
    assert len(set(outlets.canonical_names(["Theatre Review", "Review"]).values())) == 2
    assert outlets.name_key("Le Monde") == "lemonde" and outlets.name_key("Lé Mondé") == "lemonde"


def test_the_spelling_shown_is_written_like_a_name_even_when_rarer():
    names = ["theharbourcourier"] * 20 + ["The Harbour Courier"] * 8 + ["valley post"] * 3 + [None]
    chosen = outlets.canonical_names(names)
    assert chosen == {"theharbourcourier": "The Harbour Courier", "The Harbour Courier": "The Harbour Courier",
                      "valley post": "valley post"}


def test_among_names_written_alike_most_articles_win():
    chosen = outlets.canonical_names(["Valley post"] * 2 + ["Valley Post"] * 5 + ["VALLEY POST"])
    assert set(chosen.values()) == {"Valley Post"}


def test_a_web_address_is_not_preferred_to_a_name():
    chosen = outlets.canonical_names(["ValleyPost.com"] * 9 + ["Valley Post"])
    assert chosen["ValleyPost.com"] == "Valley Post"


def test_a_name_without_letters_is_its_own_outlet():
    assert outlets.canonical_names(["---", "???"]) == {"---": "---", "???": "???"}


def test_an_identifier_that_shortens_a_names_first_words_to_initials_joins_that_name():
    chosen = outlets.canonical_names(["Port Vale Courier", "pvcourier", "pvcourier.com", "The Lake Side Gazette",
                                      "lsgazette"])
    assert chosen["pvcourier"] == chosen["pvcourier.com"] == "Port Vale Courier"
    assert chosen["lsgazette"] == "The Lake Side Gazette"


def test_an_initialism_that_could_be_two_names_or_has_no_word_kept_stays_apart():
    chosen = outlets.canonical_names(["Port Vale Courier", "Pine Valley Courier", "pvcourier", "Port Vale", "pv",
                                      "PV Courier"])
    assert chosen["pvcourier"] in {"pvcourier", "PV Courier"}   # two names read so: neither is assumed
    assert chosen["pv"] == "pv"                                   # nothing kept whole: too short to tell
    assert chosen["Port Vale Courier"] != chosen["Pine Valley Courier"]


def test_a_web_address_with_a_subdomain_joins_the_name_its_host_reads_as():
    chosen = outlets.canonical_names(["Harbour News", "harbournews.portal.com", "Courier", "edition.courier.com",
                                      "Valley Post", "Valley", "post.valley.com"])
    assert chosen["harbournews.portal.com"] == "Harbour News"      # the brand's label, not the portal's
    assert chosen["edition.courier.com"] == "Courier"              # a section of one outlet's site
    assert chosen["post.valley.com"] == "Valley Post"              # two labels read as one name first


def test_a_web_address_whose_host_reads_as_two_names_stays_apart():
    chosen = outlets.canonical_names(["Harbour", "Courier", "harbour.courier.com", "portal.com"])
    assert chosen["harbour.courier.com"] == "harbour.courier.com"
    assert chosen["portal.com"] == "portal.com"


def spellings_corpus(folder):
    rows = [("harbourcourier", "The council met about the ferry."), ("Harbour Courier", "The ferry ran late again."),
            ("Harbour Courier", "A new bridge was proposed."), ("Valley Post", "The valley flooded overnight.")]
    lines = [f'{{"outlet": "{o}", "text": "{t} Residents spoke at length about what it meant for them."}}'
             for o, t in rows]
    (folder / "export.jsonl").write_text("\n".join(lines))


def test_a_corpus_shows_one_outlet_for_its_spellings_and_keeps_what_was_found(tmp_path):
    from lib.load import corpus

    spellings_corpus(tmp_path)
    articles = corpus.load(tmp_path).articles
    assert sorted(articles["outlet"].unique()) == ["Harbour Courier", "Valley Post"]
    assert set(articles["outlet_as_found"]) == {"harbourcourier", "Harbour Courier", "Valley Post"}


def test_a_merged_spelling_says_so_and_is_listed_with_its_articles(tmp_path):
    from lib.load import corpus

    spellings_corpus(tmp_path)
    records = corpus.load(tmp_path).records
    merged = records[records["outlet_as_found"] == "harbourcourier"]
    assert list(merged["outlet_source"]) == ["record" + outlets.MERGED]
    assert (records.loc[records["outlet_as_found"] == "Harbour Courier", "outlet_source"] == "record").all()
    assert outlets.merges(records).to_dict("records") == [
        {"written": "harbourcourier", "shown_as": "Harbour Courier", "articles": 1}]


def test_keeping_a_spelling_apart_undoes_its_merge_and_keeps_the_rest_of_outlets_csv(tmp_path):
    from lib.load import corpus, metadata

    spellings_corpus(tmp_path)
    (tmp_path / "outlets.csv").write_text("alias,outlet,group\nValley Post,Valley Post,left\n")
    metadata.keep_apart(tmp_path, "harbourcourier")
    records = corpus.load(tmp_path).articles
    assert sorted(records["outlet"].unique()) == ["Harbour Courier", "Valley Post", "harbourcourier"]
    assert outlets.merges(records).empty
    saved = (tmp_path / "outlets.csv").read_text()
    assert "Valley Post,Valley Post,left" in saved and "harbourcourier,harbourcourier," in saved
    metadata.keep_apart(tmp_path, "harbourcourier")  # twice: still one row
    assert (tmp_path / "outlets.csv").read_text().count("harbourcourier") == 2


def test_keeping_apart_the_shown_spelling_separates_it_too(tmp_path):
    from lib.load import corpus, metadata

    spellings_corpus(tmp_path)
    metadata.keep_apart(tmp_path, "Harbour Courier")
    records = corpus.load(tmp_path).articles
    assert set(records["outlet"]) == {"Harbour Courier", "harbourcourier", "Valley Post"}


def test_an_alias_to_a_canonical_name_still_gathers_other_spellings_of_it(tmp_path):
    from lib.load import corpus

    spellings_corpus(tmp_path)
    (tmp_path / "outlets.csv").write_text("alias,outlet\nharbourcourier,Harbour Courier\n")
    records = corpus.load(tmp_path).articles
    assert set(records["outlet"]) == {"Harbour Courier", "Valley Post"}
    assert outlets.merges(records).empty  # the analyst's alias, not an automatic merge
