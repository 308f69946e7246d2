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
