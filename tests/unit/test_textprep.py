from extractors.nlp.textprep import mask_datelines


def test_datelines_are_blanked_keeping_offsets():
    t = "Москва. 3 марта. INTERFAX.RU - Министр обороны РФ заявил о встрече."
    m = mask_datelines(t)
    assert len(m) == len(t) and m.strip().startswith("Министр обороны") and m.index("Министр") == t.index("Министр")
    e = "WASHINGTON, Oct 3 (Reuters) - The United States imposed sanctions."
    assert mask_datelines(e).lstrip().startswith("The United States")


def test_ordinary_text_is_untouched():
    t = "Россия и Китай подписали соглашение. В Москве прошли переговоры."
    assert mask_datelines(t) == t


def test_datelines_without_an_agency_are_blanked():
    for t, rest in [("BAMAKO, April 7 — Mali recalled its envoy.", "Mali recalled"),
                    ("MANILA, June 12, 2025 - The Philippines protested.", "The Philippines"),
                    ("SANAA, March 7 (Xinhua) -- The group warned Israel.", "The group"),
                    ("МОСКВА, 12 мар — РИА Новости. Россия ответила на санкции.", "Россия ответила"),
                    ("КИЕВ, 3 марта — Украина отозвала посла.", "Украина отозвала")]:
        m = mask_datelines(t)
        assert len(m) == len(t) and m.lstrip().startswith(rest), (t, m)


def test_a_sentence_starting_with_a_capitalised_word_and_a_comma_is_untouched():
    t = "NATO, the EU and Japan condemned the launch - a clear breach."
    assert mask_datelines(t) == t
