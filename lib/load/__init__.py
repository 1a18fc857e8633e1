"""Files -> articles: find a corpus folder's files and read them safely (``files``), decode them
(``decoding``), parse each format (``formats``: the one registry of suffixes, readers and kinds),
clean the text (``cleaning``), find metadata in the text (``inference``) and in the analyst's
sidecar files (``metadata``), flag non-English articles (``language``), and save uploads
(``uploads``). ``corpus.load`` puts it together: one records frame, articles and problems.

    from lib.load import corpus
    loaded = corpus.load(folder)      # loaded.articles, loaded.problems, loaded.texts
"""
