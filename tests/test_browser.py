"""The HTML brief in a real browser: Debian's headless Chromium, offline, from file://.

Needs ``apt-get install -y chromium fonts-noto-core`` (Noto Naskh Arabic for the Arabic glyphs);
skipped when Chromium is missing. Set ``SUMMARIZER_SCREENSHOT_DIR`` to keep the screenshots.
"""

from __future__ import annotations

import base64
import contextlib
import html
import importlib.util
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from summarizer.models import Brief
from summarizer.render import render_html

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]
INJECTION = (
    '<script>document.documentElement.setAttribute("data-pwned", "1")</script>'
    "<img src=\"x\" onerror=\"document.documentElement.setAttribute('data-pwned', '2')\">"
)


def _fixtures() -> ModuleType:
    """test_render.py's brief builder, loaded by path (works whatever pytest's import mode)."""
    spec = importlib.util.spec_from_file_location(
        "_render_fixtures", Path(__file__).with_name("test_render.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIXTURES = _fixtures()
NEWSALIST: str = FIXTURES.NEWSALIST
TV_SYRIA: str = FIXTURES.TV_SYRIA


def _chromium() -> str:
    for candidate in ("chromium", "/usr/bin/chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    reason = "chromium not installed: apt-get install -y chromium fonts-noto-core"
    print(reason)
    pytest.skip(reason)


def _brief() -> Brief:
    """The realistic brief, with a script injection hidden in one article's text."""
    brief: Brief = FIXTURES.make_brief()
    texts = dict(brief.texts)
    texts[TV_SYRIA] = texts[TV_SYRIA] + "\n" + INJECTION
    return brief.model_copy(update={"texts": texts})


Run = Callable[..., str]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "brief.html"
    path.write_text(render_html(_brief()), encoding="utf-8")
    return path


@pytest.fixture
def chromium(tmp_path: Path) -> Run:
    """Run headless Chromium with a throwaway profile; return its stdout."""
    binary = _chromium()

    def run(*args: str) -> str:
        profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
        done = subprocess.run(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    return run


def _png_facts(path: Path) -> tuple[int, int, int]:
    """Width, height and number of distinct byte values of the decoded pixel rows."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


def _keep(path: Path) -> None:
    target = os.environ.get("SUMMARIZER_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


def _chip_number(page: Path, article_id: str, quote: str) -> int:
    """The per-article quote number of the chip citing ``quote``."""
    source = page.read_text(encoding="utf-8")
    pattern = (
        rf'data-a="{re.escape(article_id)}" data-n="(\d+)" dir="auto" '
        rf'title="«{re.escape(html.escape(quote))}»"'
    )
    match = re.search(pattern, source)
    assert match, quote
    return int(match.group(1))


def test_screenshots_render_both_languages(page: Path, chromium: Run, tmp_path: Path) -> None:
    overview = tmp_path / "brief.png"
    chromium("--window-size=1400,1000", f"--screenshot={overview}", page.as_uri())
    number = _chip_number(page, NEWSALIST, "نحو ألفين و500 جندي في العراق")
    opened = tmp_path / "brief-source.png"
    chromium(
        "--window-size=1400,1000",
        f"--screenshot={opened}",
        f"{page.as_uri()}#src={NEWSALIST}:{number}",
    )
    for shot in (overview, opened):
        assert shot.exists() and shot.stat().st_size > 30_000
        width, height, distinct = _png_facts(shot)
        assert (width, height) == (1400, 1000)
        assert distinct > 100  # text, colours and anti-aliasing, not a blank page
        _keep(shot)


def test_fragment_opens_the_article_with_the_quote_marked(page: Path, chromium: Run) -> None:
    quote = "نحو ألفين و500 جندي في العراق"
    number = _chip_number(page, NEWSALIST, quote)
    dom = chromium("--dump-dom", f"{page.as_uri()}#src={NEWSALIST}:{number}")
    panel = re.search(r"<aside id=\"panel\"[^>]*>", dom)
    assert panel and " hidden" not in panel.group(0)
    assert f'data-article="{NEWSALIST}"' in panel.group(0)
    doc = re.search(rf'<article class="doc" data-article="{NEWSALIST}"[^>]*>', dom)
    assert doc and "hidden" not in doc.group(0)
    current = re.findall(r'<mark data-q="[\d ]+" class="current">(.*?)</mark>', dom, flags=re.S)
    assert [html.unescape(m) for m in current] == [quote]
    assert re.search(rf'class="chip active"[^>]*data-a="{NEWSALIST}" data-n="{number}"', dom)


def test_arabic_column_is_laid_out_right_to_left(page: Path, chromium: Run) -> None:
    dom = chromium("--dump-dom", page.as_uri())
    assert 'data-rtl-ok="rtl"' in dom
    assert re.search(r"<aside id=\"panel\"[^>]*hidden", dom)  # closed without a fragment


def test_script_in_article_text_is_shown_not_run(page: Path, chromium: Run) -> None:
    dom = chromium("--dump-dom", f"{page.as_uri()}#src={TV_SYRIA}")
    assert "data-pwned" not in dom.split("<body", 1)[0]  # the <html> tag was never touched
    assert "&lt;script&gt;document.documentElement.setAttribute" in dom
    assert 'data-rtl-ok="rtl"' in dom


# --------------------------------------------------------------------------------------------
# a real click, through the DevTools protocol over a pipe (no port, no extra package)
# --------------------------------------------------------------------------------------------


class DevTools:
    """Minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (fds 3 and 4)."""

    def __init__(self, binary: str, profile: Path) -> None:
        commands_r, self._out = os.pipe()
        self._in, events_w = os.pipe()

        def wire() -> None:  # in the child: Chromium reads fd 3 and writes fd 4
            os.dup2(commands_r, 3)
            os.dup2(events_w, 4)

        self.proc = subprocess.Popen(  # preexec_fn only wires two pipes
            [
                binary,
                *CHROMIUM_FLAGS,
                "--window-size=1400,1000",
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire,
        )
        os.close(commands_r)
        os.close(events_w)
        self._buffer = b""
        self._id = 0
        self.session: str | None = None

    def call(self, method: str, timeout: float = 30, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its reply (events in between are ignored)."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for reply in self._messages():
                if reply.get("id") == self._id:
                    assert "error" not in reply, reply["error"]
                    result: dict[str, Any] = reply["result"]
                    return result
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise TimeoutError(method)
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk

    def _messages(self) -> Iterator[dict[str, Any]]:
        while b"\0" in self._buffer:
            raw, self._buffer = self._buffer.split(b"\0", 1)
            yield json.loads(raw)

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", url=url)["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for _ in range(100):
            if self.js("location.protocol + document.readyState") == "file:complete":
                return
            time.sleep(0.05)
        raise TimeoutError("page did not load")

    def js(self, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in reply, reply["exceptionDetails"]
        return reply["result"].get("value")

    def click(self, selector: str) -> None:
        """Scroll the element into view and click its centre with the mouse."""
        box = self.js(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )

    def key(self, key: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code
            )

    def close(self) -> None:
        with contextlib.suppress(TimeoutError, EOFError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._in)
        os.close(self._out)


@pytest.fixture
def devtools(tmp_path: Path) -> Iterator[DevTools]:
    client = DevTools(_chromium(), tmp_path / "profile-cdp")
    try:
        yield client
    finally:
        client.close()


PANEL_STATE = """(() => {
  const panel = document.getElementById("panel");
  const marks = [...document.querySelectorAll("mark.current")];
  const box = marks.length ? marks[0].getBoundingClientRect() : null;
  return {
    open: !panel.hidden,
    article: panel.getAttribute("data-article"),
    current: marks.map((m) => m.textContent),
    visible: !!box && box.top >= 0 && box.bottom <= innerHeight,
    position: document.getElementById("q-pos").textContent,
    hash: location.hash,
    focus: document.activeElement ? document.activeElement.className : "",
  };
})()"""


def test_clicking_a_source_chip_opens_and_closes_the_article(
    page: Path, devtools: DevTools
) -> None:
    quote = "سيقل إلى ما دون ألفي جندي"
    number = _chip_number(page, NEWSALIST, quote)
    devtools.open(page.as_uri())
    devtools.click(f'#col-ar a.chip[data-a="{NEWSALIST}"][data-n="{number}"]')
    state = devtools.js(PANEL_STATE)
    assert state["open"] and state["article"] == NEWSALIST
    assert state["current"] == [quote] and state["visible"]
    assert state["hash"] == f"#src={NEWSALIST}:{number}"
    devtools.click("#q-next")
    moved = devtools.js(PANEL_STATE)
    assert (
        moved["current"] and moved["current"] != [quote] and moved["position"] != state["position"]
    )
    devtools.key("Escape", 27)
    closed = devtools.js(PANEL_STATE)
    assert not closed["open"]
    assert closed["hash"] == "" and "chip" in closed["focus"]


LAYOUT = """(() => {
  const doc = document.documentElement;
  const edge = (p, side) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    const rects = [...range.getClientRects()];
    const box = p.getBoundingClientRect();
    return side === "right"
      ? box.right - Math.max(...rects.map((r) => r.right))
      : Math.min(...rects.map((r) => r.left)) - box.left;
  };
  const en = document.querySelector("#col-en .item-text");
  const ar = document.querySelector("#col-ar .item-text");
  const clip = (el) => { const r = el.getBoundingClientRect();
    return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height, scale: 1}; };
  return {
    overflow: doc.scrollWidth - doc.clientWidth,
    arDirection: getComputedStyle(ar).direction,
    arGap: edge(ar, "right"),
    enGap: edge(en, "left"),
    enClip: clip(en),
    arClip: clip(ar),
  };
})()"""


def _shot(devtools: DevTools, path: Path, clip: dict[str, float] | None = None) -> Path:
    params: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
    if clip is not None:
        params["clip"] = clip
    data = devtools.call("Page.captureScreenshot", **params)["data"]
    path.write_bytes(base64.b64decode(data))
    _keep(path)
    return path


@pytest.mark.parametrize("width", [1280, 390])
def test_layout_at_desktop_and_phone_widths(
    page: Path, devtools: DevTools, tmp_path: Path, width: int
) -> None:
    devtools.open(page.as_uri())
    devtools.call(
        "Emulation.setDeviceMetricsOverride",
        width=width, height=900, deviceScaleFactor=1, mobile=width < 500,
    )  # fmt: skip
    state = devtools.js(LAYOUT)
    assert state["overflow"] <= 0, f"page is {state['overflow']} px wider than {width} px"
    assert state["arDirection"] == "rtl" and abs(state["arGap"]) <= 4  # Arabic ends on the right
    assert abs(state["enGap"]) <= 4  # English starts on the left
    width_px, _, distinct = _png_facts(_shot(devtools, tmp_path / f"brief-{width}.png"))
    assert width_px == width and distinct > 100
    for lang in ("en", "ar"):  # each script's first item is drawn: glyph ink, not a blank box
        shot = _shot(devtools, tmp_path / f"{lang}-{width}.png", state[f"{lang}Clip"])
        *_, ink = _png_facts(shot)
        assert ink > 20, lang


def test_j_and_k_move_focus_between_source_chips(page: Path, devtools: DevTools) -> None:
    devtools.open(page.as_uri())
    chips = "[...document.querySelectorAll('a.chip[data-a]')]"
    focused = f"{chips}.indexOf(document.activeElement)"
    assert devtools.js(focused) == -1
    devtools.key("j", 74)
    assert devtools.js(focused) == 0
    devtools.key("j", 74)
    assert devtools.js(focused) == 1
    devtools.key("k", 75)
    assert devtools.js(focused) == 0
    outline = devtools.js("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused chip is visibly marked
    assert devtools.js("document.getElementById('panel').hidden")  # moving focus opens nothing
