"""Markdown, JSON and HTML rendering of a brief (no browser needed; see test_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser

import pytest

from summarizer.models import (
    ArticleReport,
    Bilingual,
    Brief,
    Conflict,
    ConflictValue,
    Deadline,
    Event,
    Figure,
    Meta,
    Source,
    Usage,
)
from summarizer.render import (
    render_html,
    render_html_chunks,
    render_json,
    render_json_chunks,
    render_markdown,
)
from summarizer.stream import brief_json_chunks

# --------------------------------------------------------------------------------------------
# a realistic brief: three Arabic articles about US troops in Iraq and Syria, one failed
# --------------------------------------------------------------------------------------------

TV_SYRIA = "000_0a57"  # تلفزيون سوريا
ARAB_TODAY = "001_57f4"  # العرب اليوم, failed
NEWSALIST = "004_16a4"  # outlet unknown: cited by its id

TEXTS = {
    TV_SYRIA: (
        "الخارجية الأميركية تؤكد عدم وجود جدول زمني محدد لانسحاب القوات الأميركية من سوريا، "
        "وستبقى لمكافحة “داعش”.\n"
        "أكدت وزارة الخارجية الأميركية أن ليس هناك جدول زمني محدد لبقاء أو مغادرة القوات "
        "الأميركية من سوريا، مشيرة إلى أنها “ستبقى طالما كان ذلك ضرورياً لتحقيق الهدف الرئيسي "
        "في مكافحة تنظيم داعش”.\n"
        "وفي تصريحات نقلها موقع “نورث برس” المحلي، ذكرت الخارجية الأميركية أن “الولايات المتحدة "
        "وحكومة العراق توصلتا إلى تفاهم يسمح للتحالف بمواصلة دعم عمليات مكافحة داعش في سوريا "
        "انطلاقاً من العراق حتى أيلول 2026 على الأقل”.\n"
        "وأوضحت أنه في حين أن المهمة العسكرية لقوة المهام المشتركة في العراق ستنتهي بحلول أيلول "
        "2025، فإن المهمة العسكرية للتحالف التي تعمل في سوريا ستستمر.\n"
        "ويبلغ عدد القوات الأميركية في العراق حالياً نحو 2500 جندي، إضافة إلى قرابة 900 جندي "
        "في سوريا.\n"
        "موعد انتهاء مهمة قوات التحالف في سوريا والعراق\n"
        "وفي 27 أيلول الماضي، أعلنت الولايات المتحدة والعراق في بيان مشترك أن المهمة العسكرية "
        "لـ “التحالف الدولي” الذي تقوده واشنطن في العراق ستنتهي بحلول أيلول 2025، وفي سوريا "
        "بحلول أيلول 2026، مع التحول إلى شراكات أمنية ثنائية."
    ),
    NEWSALIST: (
        "القوات الأميركية تخفض وجودها في العراق.. وتركّز على سوريا\n\n"
        "أعلنت وزارة الدفاع الأميركية بدء تخفيض قواتها وقوات التحالف الدولي في العراق، "
        "والتركيز على مكافحة تنظيم “داعش” في سوريا.\n\n"
        "وأضاف المسؤول أن بغداد ستقود جهود مكافحة فلول التنظيم داخل البلاد، بينما أوضح أن العدد "
        "الإجمالي للقوات الأميركية في العراق، سيقل إلى ما دون ألفي جندي، وسيتمركز معظمهم في "
        "عاصمة إقليم كردستان أربيل، لكنه لم يحدد العدد النهائي، ولا الجدول الزمني لتنفيذ الخطة.\n\n"
        "ولدى الولايات المتحدة نحو ألفين و500 جندي في العراق، وأكثر من 900 جندي في سوريا، وذلك "
        "كجزء من التحالف الدولي الذي شكّلته واشنطن في العام 2014.\n\n"
        "وكانت واشنطن وبغداد قد اتفقتا العام الماضي على أن تستمر مهمة التحالف في سوريا "
        "انطلاقاً من العراق حتى أيلول 2026."
    ),
}


def src(article_id: str, quote: str, nth: int = 0, text: str | None = None) -> Source:
    """A source whose offsets point at the nth occurrence of ``quote`` in the article text."""
    body = TEXTS[article_id] if text is None else text
    start = -1
    for _ in range(nth + 1):
        start = body.index(quote, start + 1)
    return Source(article_id=article_id, quote=quote, start=start, end=start + len(quote))


def make_brief() -> Brief:
    """Three Arabic articles (one failed), two deadlines, three figures, two events, a conflict."""
    iraq_2500 = [
        src(TV_SYRIA, "نحو 2500 جندي"),
        src(NEWSALIST, "نحو ألفين و500 جندي في العراق"),
    ]
    iraq_2000 = [src(NEWSALIST, "سيقل إلى ما دون ألفي جندي")]
    return Brief(
        articles=[
            ArticleReport(
                id=TV_SYRIA,
                title="الخارجية الأميركية: لا جدول زمني لانسحاب القوات من سوريا",
                published="2024-10-26",
                source="تلفزيون سوريا",
            ),
            ArticleReport(
                id=ARAB_TODAY,
                title="إنهاء مهمة التحالف الدولي في العراق خلال 12 شهراً",
                published="2024-09-27",
                source="العرب اليوم",
                status="failed",
                error="extraction failed after 3 attempts: model returned invalid JSON",
            ),
            ArticleReport(
                id=NEWSALIST,
                title="القوات الأميركية تخفض وجودها في العراق.. وتركّز على سوريا",
                published="2025-10-01",
            ),
        ],
        deadlines=[
            Deadline(
                date="2026-09",
                qualifier="at least until",
                subject="coalition operations in Syria from Iraq",
                place="Syria",
                text=Bilingual(
                    en="The coalition keeps supporting operations in Syria from Iraq at least "
                    "until September 2026.",
                    ar="يواصل التحالف دعم العمليات في سوريا انطلاقاً من العراق حتى أيلول/سبتمبر "
                    "2026 على الأقل.",
                ),
                sources=[
                    src(TV_SYRIA, "حتى أيلول 2026 على الأقل"),
                    src(NEWSALIST, "حتى أيلول 2026"),
                ],
            ),
            Deadline(
                date="2025-09",
                qualifier="by",
                subject="coalition military mission in Iraq ends",
                place="Iraq",
                text=Bilingual(
                    en="The coalition's military mission in Iraq ends by September 2025.",
                    ar="تنتهي المهمة العسكرية للتحالف في العراق بحلول أيلول/سبتمبر 2025.",
                ),
                sources=[
                    src(TV_SYRIA, "ستنتهي بحلول أيلول 2025"),
                    src(TV_SYRIA, "ستنتهي بحلول أيلول 2025", nth=1),
                ],
            ),
        ],
        figures=[
            Figure(
                value=2500,
                approx="about",
                unit="troops",
                subject="US troops in Iraq",
                place="Iraq",
                text=Bilingual(
                    en="The United States has about 2,500 troops in Iraq.",
                    ar="لدى الولايات المتحدة نحو 2٬500 جندي في العراق.",
                ),
                sources=iraq_2500,
            ),
            Figure(
                value=2000,
                approx="less than",
                unit="troops",
                subject="US troops in Iraq after the drawdown",
                place="Iraq",
                text=Bilingual(
                    en="US troops in Iraq will fall to less than 2,000.",
                    ar="سينخفض عدد القوات الأميركية في العراق إلى أقل من 2٬000 جندي.",
                ),
                sources=iraq_2000,
            ),
            Figure(
                value=900,
                approx="more than",
                unit="troops",
                subject="US troops in Syria",
                place="Syria",
                text=Bilingual(
                    en="More than 900 US troops are deployed in Syria.",
                    ar="ينتشر أكثر من 900 جندي أميركي في سوريا.",
                ),
                sources=[src(NEWSALIST, "وأكثر من 900 جندي في سوريا")],
            ),
        ],
        events=[
            Event(
                date="2025-09-30",
                subject="Pentagon announces drawdown in Iraq",
                text=Bilingual(
                    en="The US Defense Department announced it is starting to reduce its "
                    "forces in Iraq.",
                    ar="أعلنت وزارة الدفاع الأميركية بدء تخفيض قواتها في العراق.",
                ),
                sources=[src(NEWSALIST, "أعلنت وزارة الدفاع الأميركية بدء تخفيض قواتها")],
            ),
            Event(
                date="2024-09-27",
                subject="joint US-Iraq statement",
                text=Bilingual(
                    en="The United States and Iraq announced in a joint statement that the "
                    "coalition mission will end.",
                    ar="أعلنت الولايات المتحدة والعراق في بيان مشترك انتهاء مهمة التحالف.",
                ),
                sources=[src(TV_SYRIA, "أعلنت الولايات المتحدة والعراق في بيان مشترك")],
            ),
        ],
        conflicts=[
            Conflict(
                kind="figure",
                subject="US troops in Iraq",
                values=[
                    ConflictValue(value=2500, approx="about", sources=iraq_2500),
                    ConflictValue(value=2000, approx="less than", sources=iraq_2000),
                ],
                note=Bilingual(
                    en="The lower number is the planned level after the announced drawdown.",
                    ar="الرقم الأدنى هو المستوى المخطط له بعد التخفيض المعلن.",
                ),
            )
        ],
        summary=Bilingual(
            en="The US-led coalition's mission in Iraq ends by September 2025 while support "
            "for operations in Syria continues until at least September 2026; US troop numbers "
            "in Iraq fall from about 2,500 to less than 2,000.",
            ar="تنتهي مهمة التحالف بقيادة الولايات المتحدة في العراق بحلول أيلول/سبتمبر 2025، "
            "بينما يستمر دعم العمليات في سوريا حتى أيلول/سبتمبر 2026 على الأقل؛ وينخفض عدد "
            "القوات الأميركية في العراق من نحو 2٬500 إلى أقل من 2٬000 جندي.",
        ),
        meta=Meta(
            model="gpt-4o-mini",
            backend="openai",
            prompt_version="extract-v3",
            usage=Usage(requests=4, prompt_tokens=18342, completion_tokens=2211),
            estimated_cost_usd=0.0041,
            seconds=37.4,
            created="2025-10-02T08:30:00Z",
        ),
        texts=dict(TEXTS),
    )


def items(brief: Brief) -> list[Deadline | Figure | Event]:
    """Every deadline, figure and event of the brief."""
    return [*brief.deadlines, *brief.figures, *brief.events]


def empty_brief() -> Brief:
    return Brief(
        articles=[],
        summary=Bilingual(en="", ar=""),
        meta=Meta(model="m", backend="b", prompt_version="p"),
    )


def arabic_part(md: str) -> str:
    start = md.index('<div dir="rtl" lang="ar">')
    return md[start : md.index("</div>", start)]


def english_part(md: str) -> str:
    return md[: md.index('<div dir="rtl" lang="ar">')]


def line_with(md: str, needle: str) -> str:
    return next(line for line in md.splitlines() if needle in line)


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

EN_HEADINGS = [
    "## Summary",
    "## Deadlines",
    "## Key figures",
    "## Events",
    "## Conflicts and changes",
    "## Articles",
]
AR_HEADINGS = [
    "## الملخص",
    "## المواعيد النهائية",
    "## الأرقام الرئيسية",
    "## الأحداث",
    "## التعارضات والتغيّرات",
    "## المقالات",
]


def positions(text: str, needles: list[str]) -> list[int]:
    return [text.index(n) for n in needles]


def test_markdown_has_english_then_arabic_sections_in_order() -> None:
    md = render_markdown(make_brief())
    assert (
        md.index("# News brief") < md.index('<div dir="rtl" lang="ar">') < md.index("# موجز إخباري")
    )
    en, ar = english_part(md), arabic_part(md)
    assert positions(en, EN_HEADINGS) == sorted(positions(en, EN_HEADINGS))
    assert positions(ar, AR_HEADINGS) == sorted(positions(ar, AR_HEADINGS))
    assert md.rstrip().endswith("</div>")


def test_arabic_section_is_a_right_to_left_block_with_blank_lines() -> None:
    md = render_markdown(make_brief())
    assert '<div dir="rtl" lang="ar">\n\n# موجز إخباري' in md
    assert md.rstrip().endswith("\n\n</div>")
    ar = arabic_part(md)
    brief = make_brief()
    assert brief.summary.ar in ar
    for item in items(brief):
        assert item.text.ar in ar
        assert item.text.en not in ar
    assert "Deadlines" not in ar and "## Summary" not in ar


def test_deadlines_timeline_sorted_with_dates_in_words() -> None:
    md = render_markdown(make_brief())
    en, ar = english_part(md), arabic_part(md)
    assert en.index("**September 2025**") < en.index("**September 2026**")
    assert ar.index("**أيلول/سبتمبر 2025**") < ar.index("**أيلول/سبتمبر 2026**")


def test_undated_deadlines_come_last() -> None:
    brief = make_brief()
    undated = brief.deadlines[0].model_copy(
        update={
            "date": None,
            "text": Bilingual(en="Talks resume at some point.", ar="تُستأنف المحادثات."),
        }
    )
    brief = brief.model_copy(update={"deadlines": [undated, *brief.deadlines]})
    en = english_part(render_markdown(brief))
    assert en.index("September 2025") < en.index("September 2026") < en.index("Talks resume")
    assert "**date not stated** — Talks resume" in en


def test_every_item_line_cites_its_sources() -> None:
    brief = make_brief()
    md = render_markdown(brief)
    labels = {TV_SYRIA: "تلفزيون سوريا", NEWSALIST: NEWSALIST}
    for lang, part in (("en", english_part(md)), ("ar", arabic_part(md))):
        comma = ", " if lang == "en" else "، "
        for item in items(brief):
            line = line_with(part, getattr(item.text, lang))
            names = list(dict.fromkeys(labels[s.article_id] for s in item.sources))
            assert line.endswith(f"[{comma.join(names)}]"), line


def test_citations_use_outlet_names_and_ids_when_unknown() -> None:
    md = render_markdown(make_brief())
    en = english_part(md)
    assert "[تلفزيون سوريا, 004_16a4]" in line_with(en, "about 2,500 troops in Iraq")
    assert "[تلفزيون سوريا، 004_16a4]" in line_with(arabic_part(md), "نحو 2٬500 جندي في العراق")


def test_figures_show_their_hedged_value() -> None:
    md = render_markdown(make_brief())
    assert "- **about 2,500 troops** — The United States" in md
    assert "- **أقل من 2٬000** — سينخفض" in md


def test_conflict_lists_both_values_sources_and_note() -> None:
    md = render_markdown(make_brief())
    line = line_with(english_part(md), "US troops in Iraq**:")
    assert "about 2,500 [تلفزيون سوريا, 004_16a4] vs. less than 2,000 [004_16a4]" in line
    assert line.endswith("planned level after the announced drawdown.")
    ar_line = line_with(arabic_part(md), "تعارض في الأرقام")
    assert "نحو 2٬500 [تلفزيون سوريا، 004_16a4] مقابل أقل من 2٬000 [004_16a4]" in ar_line
    assert "المستوى المخطط له" in ar_line


def test_failed_article_listed_with_its_error() -> None:
    md = render_markdown(make_brief())
    line = line_with(english_part(md), f"`{ARAB_TODAY}`")
    assert "**failed**: extraction failed after 3 attempts" in line
    ar_line = line_with(arabic_part(md), f"`{ARAB_TODAY}`")
    assert "**تعذّرت المعالجة**: extraction failed" in ar_line
    assert "failed" not in line_with(english_part(md), f"`{TV_SYRIA}`")


def test_lang_en_has_no_arabic_section() -> None:
    md = render_markdown(make_brief(), lang="en")
    assert "# News brief" in md
    assert 'dir="rtl"' not in md and "## الملخص" not in md and "موجز إخباري" not in md


def test_lang_ar_has_only_the_arabic_section() -> None:
    md = render_markdown(make_brief(), lang="ar")
    assert md.startswith('<div dir="rtl" lang="ar">')
    assert "# News brief" not in md and "## Summary" not in md
    assert make_brief().to_markdown("ar") == md


def test_empty_brief_renders_and_says_so() -> None:
    md = render_markdown(empty_brief())
    for message in (
        "No deadlines found.",
        "No figures found.",
        "No events found.",
        "No conflicts or changes found.",
        "No articles.",
        "No summary.",
    ):
        assert message in english_part(md)
    for message in ("لا توجد مواعيد.", "لا توجد أرقام.", "لا توجد أحداث.", "لا توجد تعارضات."):
        assert message in arabic_part(md)


def test_markdown_escapes_untrusted_html_and_uses_one_line_per_item() -> None:
    brief = make_brief()
    evil = brief.events[0].model_copy(
        update={"text": Bilingual(en="Bad <script>alert(1)</script>\nsecond line", ar="نص")}
    )
    md = render_markdown(brief.model_copy(update={"events": [evil]}), lang="en")
    assert "<script>" not in md
    assert r"Bad \<script\>alert(1)\</script\> second line" in md


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def test_render_json_round_trips() -> None:
    brief = make_brief()
    assert Brief.model_validate_json(render_json(brief)) == brief
    assert render_json(brief) == brief.to_json()


@pytest.mark.parametrize("indent", [2, None, 4])
def test_the_json_in_pieces_is_the_json(indent: int | None) -> None:
    brief = make_brief()
    pieces = list(brief_json_chunks(brief, indent=indent))
    assert len(pieces) > len(brief.figures) + len(brief.articles)  # an item at a time
    assert "".join(pieces) == brief.model_dump_json(indent=indent)
    empty = brief.model_copy(update={"figures": [], "texts": {}})
    assert "".join(brief_json_chunks(empty, indent=indent)) == empty.model_dump_json(indent=indent)
    assert "".join(render_json_chunks(brief)) == render_json(brief)


def test_no_piece_of_the_pages_data_can_close_its_script() -> None:
    brief = make_brief()
    evil = brief.events[0].model_copy(
        update={"text": Bilingual(en="</script><!-- x", ar="</script>")}
    )
    page_pieces = list(render_html_chunks(brief.model_copy(update={"events": [evil]})))
    page = "".join(page_pieces)
    data = page.split('id="brief-data">', 1)[1].split("</script>", 1)[0]
    assert "</" not in data and "<!--" not in data
    assert json.loads(data.replace("<\\/", "</"))["events"][0]["text"]["en"].startswith("</")
    assert render_html(brief.model_copy(update={"events": [evil]})) == page


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


class PageParser(HTMLParser):
    """Collects tags with their attributes and the content of every <script>, as a browser would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open, self._buffer = tag, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open == "script":
            self.scripts.append((self.tags[-1][1] if self.tags else {}, "".join(self._buffer)))
        elif tag == self._open == "style":
            self.styles.append("".join(self._buffer))
        if tag == self._open:
            self._open = None


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def script_elements(page: str) -> list[tuple[dict[str, str | None], str]]:
    """<script> elements with their raw text (HTMLParser's CDATA handling, as a browser's)."""
    found = []
    for match in re.finditer(r"<script([^>]*)>(.*?)</script", page, flags=re.S | re.I):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
        found.append((dict(attrs.items()), match.group(2)))
    return found


def test_html_is_one_self_contained_document() -> None:
    page = render_html(make_brief())
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<html") == 1 and page.rstrip().endswith("</html>")
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img"), tag
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "javascript:")), (tag, value)
        if tag == "script":
            assert "src" not in attrs
    css = "".join(parsed.styles)
    assert "@import" not in css and "url(" not in css and "http" not in css
    js = next(text for attrs, text in script_elements(page) if "type" not in attrs)
    assert "http" not in js and "fetch(" not in js and "XMLHttpRequest" not in js


def test_html_content_security_policy_admits_only_the_inline_style_and_script() -> None:
    page = render_html(make_brief())
    parsed = parse(page)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert csp is not None and "default-src 'none'" in csp
    js = next(text for attrs, text in script_elements(page) if "type" not in attrs)
    for body in (js, parsed.styles[0]):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_html_has_both_languages_side_by_side() -> None:
    page = render_html(make_brief())
    brief = make_brief()
    assert 'id="col-en" lang="en" dir="ltr"' in page
    assert 'id="col-ar" lang="ar" dir="rtl"' in page
    en = page[page.index('id="col-en"') : page.index('id="col-ar"')]
    ar = page[page.index('id="col-ar"') : page.index('id="panel"')]
    assert html.escape(brief.summary.en) in en and html.escape(brief.summary.ar) in ar
    for heading in (
        "الملخص",
        "المواعيد النهائية",
        "الأرقام الرئيسية",
        "الأحداث",
        "التعارضات والتغيّرات",
        "المقالات",
    ):
        assert f"<h2>{heading}" in ar
    assert "grid-template-columns: minmax(0, 1fr) minmax(0, 1fr)" in page
    assert "@media (max-width: 960px)" in page
    assert '"Noto Naskh Arabic", "Amiri", "Geeza Pro", "Arial", sans-serif' in page


def test_html_timeline_is_inline_svg_with_one_marker_per_dated_deadline() -> None:
    page = render_html(make_brief())
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count('class="tl-mark') == 2
    assert ">2025<" in svg and ">2026<" in svg
    assert "by Sep 2025" in svg and "at least until Sep 2026" in svg
    # every marker links to its deadline's one entry in the English column
    targets = re.findall(r'<a href="#([^"]+)"><g class="tl-mark', svg)
    assert len(targets) == 2 and all(page.count(f'id="{t}"') == 1 for t in targets)
    assert all(page.count(f'id="{t.replace("-en-", "-ar-")}"') == 1 for t in targets)
    first = min(targets, key=lambda t: page.index(f'id="{t}"'))  # the list is in date order
    en = page[page.index(f'id="{first}"') :]
    assert en.index("September 2025") < en.index("September 2026")


def test_html_source_chips_and_quotes_map_to_marks() -> None:
    brief = make_brief()
    page = render_html(brief)
    chips = re.findall(
        r'<a class="chip" href="#src=([^":]+):(\d+)" data-a="([^"]+)" data-n="(\d+)"', page
    )
    assert chips
    for href_id, href_n, article_id, number in chips:
        assert href_id == article_id and href_n == number
        assert f'<article class="doc" data-article="{article_id}"' in page
    # every quote of every item is marked at its offsets in its article's pre-rendered text
    for item in items(brief):
        for source in item.sources:
            text = brief.texts[source.article_id]
            assert text[source.start : source.end] == source.quote
            doc = page[page.index(f'data-article="{source.article_id}"') :]
            doc = doc[: doc.index("</article>")]
            marks = [
                html.unescape(m) for m in re.findall(r"<mark data-q=\"[\d ]+\">(.*?)</mark>", doc)
            ]
            assert source.quote in marks, source.quote
    assert "«نحو 2500 جندي»" in page  # chip tooltip previews the quote


def test_html_conflicts_are_visually_distinct() -> None:
    page = render_html(make_brief())
    assert page.count('<li class="conflict">') == 2  # once per language column
    assert ".conflict {" in page and "border-inline-start: 5px solid var(--warn)" in page
    conflict = page[page.index('<li class="conflict">') :]
    assert conflict.index("about 2,500") < conflict.index("vs.") < conflict.index("less than 2,000")
    assert "تعارض في الأرقام" in page and "مقابل" in page


def test_html_lists_failed_article_with_error_and_footer_meta() -> None:
    page = render_html(make_brief())
    assert 'class="art failed"' in page
    assert "extraction failed after 3 attempts: model returned invalid JSON" in page
    footer = page[page.index("<footer") : page.index("</footer>")]
    for value in ("gpt-4o-mini", "openai", "extract-v3", "1.0", "18,342", "2,211", "37.4"):
        assert value in footer


def test_html_escapes_untrusted_article_text_and_metadata() -> None:
    brief = make_brief()
    payload = (
        '<script>document.documentElement.dataset.pwned="1"</script><img src=x onerror=alert(1)>'
    )
    text = "مقدمة " + payload + " خاتمة"
    evil_quote = "<script>document"
    quote_start = text.index(evil_quote)
    brief = brief.model_copy(
        update={
            "texts": {**brief.texts, TV_SYRIA: text},
            "articles": [
                brief.articles[0].model_copy(
                    update={"title": "</script><script>alert(2)</script>"}
                ),
                *brief.articles[1:],
            ],
            "events": [
                Event(
                    date=None,
                    subject="x",
                    text=Bilingual(en=payload, ar=payload),
                    sources=[
                        Source(
                            article_id=TV_SYRIA,
                            quote=evil_quote,
                            start=quote_start,
                            end=quote_start + len(evil_quote),
                        )
                    ],
                )
            ],
        }
    )
    page = render_html(brief)
    scripts = script_elements(page)
    assert len(scripts) == 2, [a for a, _ in scripts]  # the JSON data island and our own script
    assert "alert" not in scripts[1][1] and "pwned" not in scripts[1][1]
    assert html.escape(payload) in page  # shown as text
    assert not [tag for tag, _ in parse(page).tags if tag == "img"]
    # the JSON island cannot be closed early, and still parses to the brief's data
    island = scripts[0][1]
    assert scripts[0][0] == {"type": "application/json", "id": "brief-data"}
    assert "</" not in island and "<\\/script>" in island
    assert json.loads(island)["articles"][0]["title"] == "</script><script>alert(2)</script>"
    assert re.search(rf'<mark data-q="\d+">{re.escape(html.escape(evil_quote))}</mark>', page)


def test_html_quote_with_wrong_offsets_is_found_or_reported() -> None:
    brief = make_brief()
    good = brief.figures[2].sources[0]
    moved = good.model_copy(update={"start": 0, "end": len(good.quote)})
    lost = Source(article_id=NEWSALIST, quote="جملة غير موجودة في النص", start=5, end=9)
    figure = brief.figures[2].model_copy(update={"sources": [moved, lost]})
    page = render_html(brief.model_copy(update={"figures": [figure]}))
    assert f">{html.escape(good.quote)}</mark>" in page
    assert "data-missing=" in page and "جملة غير موجودة في النص" in page


def test_html_empty_brief_renders() -> None:
    page = render_html(empty_brief())
    assert "No deadlines found." in page and "لا توجد مواعيد." in page
    assert "<svg" not in page
    assert 'id="col-ar" lang="ar" dir="rtl"' in page


def test_brief_to_html_uses_render_html() -> None:
    brief = make_brief()
    assert brief.to_html() == render_html(brief)


@pytest.mark.parametrize("created", [None, "2025-10-02", "not a date"])
def test_html_timeline_handles_missing_or_odd_creation_dates(created: str | None) -> None:
    brief = make_brief()
    brief = brief.model_copy(update={"meta": brief.meta.model_copy(update={"created": created})})
    page = render_html(brief)
    assert ("brief date" in page) == (created == "2025-10-02")
