"""GB/T 9704-2012 layout, measured on the rendered PDFs (text boxes from ``pdftotext -bbox``).

The bundled fonts' em box is 0.88 em above and 0.12 em below the baseline, which is what poppler
reports as a word's box, so a word's box height is its font size and a line box of the 22-line
grid is that box centred in one line pitch.
"""

from __future__ import annotations

import unicodedata

from documents_helpers import MM, demo_export, lines_of, pdf_pages, words

TOP, LEFT, TEXT_W, TEXT_H = 37, 28, 156, 225  # mm
PITCH = 28.95  # pt: the templates' exact line height (22 lines fill the 225 mm text block)
BODY = 16.0  # 3号
PAGE_NO = 14.0  # 4号


def _portrait_docs():
    _snap, result = demo_export()
    return [e.path for e in result.entries if e.format == "pdf" and e.kind in ("plan", "sanding", "charter", "quanxian")]


def _body_lines(pdf, page):
    ws = [w for w in words(pdf, page) if abs(w.height - BODY) < 0.05]
    return [line for line in lines_of(ws) if not any("—" in w.text for w in line)]


def _full_pages():
    """(pdf, page, body lines) of portrait pages, fullest first."""
    out = []
    for pdf in _portrait_docs():
        for page in range(1, pdf_pages(pdf) + 1):
            all_words = words(pdf, page)
            if not all_words or max(w.x1 for w in all_words) > 210 * MM:
                continue  # landscape attachment pages
            out.append((pdf, page, _body_lines(pdf, page)))
    out.sort(key=lambda t: -len(t[2]))
    return out


def test_a_full_page_has_22_lines_in_the_text_block() -> None:
    pages = _full_pages()
    assert max(len(lines) for _p, _n, lines in pages) == 22
    assert all(len(lines) <= 22 for _p, _n, lines in pages)
    pdf, page, lines = pages[0]
    baselines = [line[0].y1 for line in lines]
    pitches = [b - a for a, b in zip(baselines, baselines[1:], strict=False)]
    assert all(abs(p - PITCH) < 0.05 for p in pitches), pitches
    half_leading = (PITCH - BODY) / 2
    top = (lines[0][0].y0 - half_leading) / MM
    bottom = (lines[-1][0].y1 + half_leading) / MM
    assert abs(top - TOP) <= 1, top
    assert abs(bottom - (TOP + TEXT_H)) <= 1, bottom
    assert 22 * PITCH <= TEXT_H * MM < 23 * PITCH


def test_body_is_16pt_and_lines_fill_156mm_with_28_characters() -> None:
    pdf, page, lines = _full_pages()[0]
    for line in lines:
        for w in line:
            assert abs(w.height - BODY) < 0.05
    left = min(line[0].x0 for line in lines) / MM
    right = max(line[-1].x1 for line in lines) / MM
    assert abs(left - LEFT) <= 1, left
    assert abs(right - (LEFT + TEXT_W)) <= 1, right
    widest = 0
    for _pdf, _n, lines_ in _full_pages()[:10]:
        for line in lines_:
            text = "".join(w.text for w in line)
            if all(unicodedata.east_asian_width(ch) in "WF" for ch in text):
                widest = max(widest, len(text))
    assert widest == 28


def _page_number_words(pdf, page):
    ws = [w for w in words(pdf, page) if abs(w.height - PAGE_NO) < 0.05]
    return sorted(ws, key=lambda w: w.x0)


def test_page_numbers_are_4hao_dashes_odd_right_even_left_7mm_below_the_text() -> None:
    pdf = next(p for p in _portrait_docs() if p.name == "改革方案.pdf")
    checked = 0
    for page in (1, 2, 3, 4):
        ws = _page_number_words(pdf, page)
        text = "".join(w.text for w in ws)
        assert text == f"—{page}—", text
        digits = [w for w in ws if w.text.isdigit()]
        assert all(w.x1 - w.x0 < 0.6 * PAGE_NO * len(w.text) for w in digits), "digits are half-width"
        top = min(w.y0 for w in ws) / MM
        assert abs(top - (TOP + TEXT_H + 7)) <= 1, top
        if page % 2:
            right = max(w.x1 for w in ws)
            assert abs(right - ((LEFT + TEXT_W) * MM - PAGE_NO)) <= MM, "odd: right, one character in"
        else:
            left = min(w.x0 for w in ws)
            assert abs(left - (LEFT * MM + PAGE_NO)) <= MM, "even: left, one character in"
        checked += 1
    assert checked == 4


def test_title_is_2hao_and_masthead_sits_35mm_below_the_text_top() -> None:
    _snap, result = demo_export()
    reply = next(e.path for e in result.entries if e.format == "pdf" and e.title.endswith("的批复"))
    ws = words(reply, 1)
    titles = [w for w in ws if abs(w.height - 22) < 0.05]
    assert titles and "".join(w.text for w in titles).endswith("的批复")
    masthead = [w for w in ws if w.text.endswith("文件")]
    assert masthead
    assert abs(masthead[0].y0 / MM - (TOP + 35)) <= 1, masthead[0].y0 / MM
    assert masthead[0].x1 - masthead[0].x0 <= TEXT_W * MM + 0.5
    number = next(w for w in ws if "〔" in w.text and w.text.endswith("号"))
    assert abs((number.x0 + number.x1) / 2 - (LEFT + TEXT_W / 2) * MM) < 2, "文号 centred"
