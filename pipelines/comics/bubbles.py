"""Speech, thought, shout and caption bubbles: their shapes, sizes, places and tails, in millimetres."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .layouts import Rect
from .lettering import PT_MM, Lettering, fit_text, hyphen_pieces

KINDS = ("speech", "thought", "shout", "caption")
KIND_EMOJI = {"speech": "💬", "thought": "💭", "shout": "💥", "caption": "📜"}

# Where a bubble sits in its panel (fractions of the free room, left->right, top->bottom).
POSITIONS: dict[str, tuple[float, float]] = {
    "top-left": (0, 0), "top": (0.5, 0), "top-right": (1, 0),
    "left": (0, 0.5), "centre": (0.5, 0.5), "right": (1, 0.5),
    "bottom-left": (0, 1), "bottom": (0.5, 1), "bottom-right": (1, 1),
}
POSITION_ARROWS = {"top-left": "↖", "top": "↑", "top-right": "↗", "left": "←", "centre": "•",
                   "right": "→", "bottom-left": "↙", "bottom": "↓", "bottom-right": "↘"}
# The order a new bubble takes the places of its panel when the child does not choose one: the reading order
# of a comic (left to right, then down), corners first so that four bubbles leave the middle to the picture.
READING_ORDER = ("top-left", "top-right", "bottom-left", "bottom-right", "top", "bottom", "left", "right", "centre")
NUDGE_STEP = 0.05  # one nudge moves a bubble by 5 % of its panel
INSET_MM = 2.5  # room kept between a bubble and its panel's border
# The most of its panel a bubble's body takes (fractions of the panel's width and height): a speech, thought or
# shout leaves the picture room; a caption is a band along the panel's edge.
BODY_W, BODY_H = 0.64, 0.46
CAPTION_W, CAPTION_H = 0.9, 0.32
# In a narrow panel (« Cases hautes », the middle row of « 3 bandes ») 64 % of the width is a thin column of a few
# letters: a bubble may be this wide there, never wider than the panel's room (its width less two insets).
NARROW_BODY_MM = 50.0
TALLEST = 1.15  # a bubble's body is at least 1.15 times as wide as it is tall: it reads as a bubble
LINE_MM = 0.45  # outline of a bubble
MIN_PT, MAX_PT = 7.0, 13.0
WORD_MIN_PT = 9.0  # one word alone must be readable at this size at least (else it is refused: long_word)
SQRT2 = math.sqrt(2)

Point = tuple[float, float]


@dataclass(frozen=True)
class BubbleShape:
    """A bubble ready to draw: outlined polygons (body + tail drawn as one shape), loose puffs
    (thought trail), the lettering and the centre of its text block."""

    kind: str
    box: Rect  # bounding box of the body
    body: list[Point]
    tail: list[Point] | None
    puffs: list[list[Point]] = field(default_factory=list)
    lettering: Lettering | None = None
    text_centre: Point = (0.0, 0.0)
    fill: str = "#ffffff"

    @property
    def text_box(self) -> Rect:
        """Rectangle holding the lettering (inside the body)."""
        cx, cy = self.text_centre
        w, h = self.lettering.width, self.lettering.height
        return (cx - w / 2, cy - h / 2, w, h)


def _ellipse(cx: float, cy: float, rx: float, ry: float, steps: int = 96,
             radius=lambda angle: 1.0) -> list[Point]:
    points = []
    for i in range(steps):
        angle = 2 * math.pi * i / steps
        k = radius(angle)
        points.append((cx + rx * k * math.cos(angle), cy + ry * k * math.sin(angle)))
    return points


def _cloud(angle: float) -> float:
    """Radius of a thought cloud: round bumps all around."""
    return 1.0 + 0.09 * abs(math.sin(angle * 6))


def _spikes(angle: float) -> float:
    """Radius of a shout: sharp spikes all around (a zigzag between 1 and 1.22)."""
    phase = (angle * 9 / math.pi) % 2  # 18 spikes
    return 1.0 + 0.22 * (1 - abs(phase - 1))


# How far each body reaches beyond the ellipse its text sits in.
REACH = {"speech": 1.0, "thought": 1.09, "shout": 1.22}


def body_room(kind: str, panel: Rect) -> tuple[float, float]:
    """The largest body (width, height in mm) a bubble of `kind` may have in `panel` (x, y, w, h in mm).

    Never more than the panel's room (its size less INSET_MM on each side), so a bubble placed anywhere in its
    panel stays inside it, whatever the layout; a speech, thought or shout is also never taller than its width
    allows (TALLEST), so the body `shape` widens to read as a bubble still fits."""
    _, _, pw, ph = panel
    room_w, room_h = pw - 2 * INSET_MM, ph - 2 * INSET_MM
    if kind == "caption":
        return min(pw * CAPTION_W, room_w), min(ph * CAPTION_H, room_h)
    width = min(room_w, max(pw * BODY_W - 2 * INSET_MM, NARROW_BODY_MM))
    return width, min(ph * BODY_H - 2 * INSET_MM, width / TALLEST)


def measure(kind: str, text: str, panel: Rect, narrow: float = 1.0) -> Lettering | None:
    """The lettering of a bubble in a panel (largest size from MAX_PT down to MIN_PT that fits, wrapped at
    spaces); None when the text is too long even at MIN_PT. The bubble `shape` builds around it fits the panel's
    body_room. `narrow` (0-1] shrinks the width the text may take, to set it in a slimmer, taller bubble."""
    room_w, room_h = body_room(kind, panel)
    room_w *= narrow  # the height stays the panel's: `shape` widens a slim, tall block as far as the room allows
    if kind == "caption":
        return fit_text(text, room_w - 4, room_h - 3, max_pt=MAX_PT - 1, min_pt=MIN_PT, bold=False)
    reach = REACH[kind]
    # The text block is the rectangle inscribed in the ellipse: ellipse size / sqrt(2).
    width = room_w / reach / SQRT2 - 2
    height = room_h / reach / SQRT2 - 2
    top = MAX_PT + 3 if kind == "shout" else MAX_PT
    return fit_text(text, width, height, max_pt=top, min_pt=MIN_PT, bold=True, aspect=1.9)


def long_word(kind: str, text: str, panel: Rect) -> str | None:
    """The first word of `text` that cannot be set alone at WORD_MIN_PT in a bubble of `kind` in `panel`
    (a 34-letter word would shrink the whole bubble to a size a child cannot read), or None.
    A word may be cut after a hyphen (lettering.wrap), so each piece is measured on its own."""
    for word in text.split():
        for piece in hyphen_pieces(word):
            lettering = measure(kind, piece, panel)
            if lettering is None or lettering.size_pt < WORD_MIN_PT:
                return word
    return None


def shape(kind: str, lettering: Lettering, panel: Rect, position: str = "top-left",
          nudge: tuple[int, int] = (0, 0), tail: Point | None = None) -> BubbleShape:
    """Place a lettered bubble in `panel` (x, y, w, h in mm) at `position` moved by `nudge` steps (each
    NUDGE_STEP of the panel), its tail towards `tail` (a point in fractions 0-1 of the panel, where the speaker is).

    Body, tail and thought trail always lie inside the panel, INSET_MM from its border for the body; a `lettering`
    too big for the panel (not measured for it: see `measure`) is a ValueError, never a bubble across the page."""
    px, py, pw, ph = panel
    room_w, room_h = pw - 2 * INSET_MM, ph - 2 * INSET_MM
    if kind == "caption":
        bw, bh = lettering.width + 4, lettering.height + 3
        reach = 1.0
    else:
        reach = REACH[kind]
        bw = (lettering.width + 2) * SQRT2 * reach
        bh = (lettering.height + 2) * SQRT2 * reach
        bw = max(bw, min(bh * TALLEST, room_w))  # wider than tall, to read as a bubble, as far as the panel allows
    if bw > room_w + 1e-6 or bh > room_h + 1e-6:
        raise ValueError(f"a {kind} bubble of {bw:.1f} x {bh:.1f} mm does not fit the {room_w:.1f} x {room_h:.1f} mm "
                         f"room of panel {tuple(round(v, 1) for v in panel)}: measure its lettering for this panel")
    fx, fy = POSITIONS[position]
    x = px + INSET_MM + fx * (pw - 2 * INSET_MM - bw) + nudge[0] * NUDGE_STEP * pw
    y = py + INSET_MM + fy * (ph - 2 * INSET_MM - bh) + nudge[1] * NUDGE_STEP * ph
    x = min(max(x, px + INSET_MM), px + pw - INSET_MM - bw)  # nudges never push it out of the panel
    y = min(max(y, py + INSET_MM), py + ph - INSET_MM - bh)
    cx, cy = x + bw / 2, y + bh / 2
    if kind == "caption":
        body = [(x, y), (x + bw, y), (x + bw, y + bh), (x, y + bh)]
        return BubbleShape(kind, (x, y, bw, bh), body, None, [], lettering, (cx, cy), fill="#fff6c8")
    rx, ry = bw / 2 / reach, bh / 2 / reach
    radius = {"speech": lambda a: 1.0, "thought": _cloud, "shout": _spikes}[kind]
    body = _ellipse(cx, cy, rx, ry, steps=144 if kind == "shout" else 96, radius=radius)
    target = None if tail is None else (px + tail[0] * pw, py + tail[1] * ph)
    tail_points, puffs = None, []
    if target is not None and _outside(target, cx, cy, rx * reach, ry * reach):
        if kind == "thought":
            puffs = _thought_trail(cx, cy, rx, ry, target, panel)
        else:
            tail_points = _tail(cx, cy, rx, ry, target, panel)
    return BubbleShape(kind, (x, y, bw, bh), body, tail_points, puffs, lettering, (cx, cy))


def _outside(point: Point, cx: float, cy: float, rx: float, ry: float) -> bool:
    return ((point[0] - cx) / rx) ** 2 + ((point[1] - cy) / ry) ** 2 > 1.0


def _edge(cx: float, cy: float, rx: float, ry: float, angle: float) -> Point:
    return cx + rx * math.cos(angle), cy + ry * math.sin(angle)


def _clamp(point: Point, panel: Rect, margin: tuple[float, float] = (1.5, 1.5)) -> Point:
    """`point` moved inside `panel`, at least `margin` (x, y in mm) from its border."""
    px, py, pw, ph = panel
    mx, my = margin
    return (min(max(point[0], px + mx), px + pw - mx), min(max(point[1], py + my), py + ph - my))


def _tip(cx: float, cy: float, rx: float, ry: float, target: Point, panel: Rect) -> tuple[float, Point]:
    """Direction to the speaker and where the tail stops: short of the speaker, inside the panel."""
    angle = math.atan2((target[1] - cy) / ry, (target[0] - cx) / rx)
    edge = _edge(cx, cy, rx, ry, angle)
    gap = math.dist(edge, target)
    length = min(gap * 0.75, max(9.0, 0.6 * min(rx, ry) * 2))
    dx, dy = target[0] - edge[0], target[1] - edge[1]
    return angle, _clamp((edge[0] + dx / gap * length, edge[1] + dy / gap * length), panel)


def _tail(cx: float, cy: float, rx: float, ry: float, target: Point, panel: Rect) -> list[Point]:
    """A pointed tail from the bubble's edge towards the speaker; its base sinks into the body
    so the outline of body + tail reads as one shape."""
    angle, tip = _tip(cx, cy, rx, ry, target, panel)
    spread = 0.22
    left = _edge(cx, cy, rx * 0.92, ry * 0.92, angle - spread)
    right = _edge(cx, cy, rx * 0.92, ry * 0.92, angle + spread)
    return [left, tip, right]


def _thought_trail(cx: float, cy: float, rx: float, ry: float, target: Point, panel: Rect) -> list[list[Point]]:
    """Three little clouds, smaller and smaller, from the bubble towards the thinker."""
    angle, tip = _tip(cx, cy, rx * 1.09, ry * 1.09, target, panel)
    start = _edge(cx, cy, rx * 1.09, ry * 1.09, angle)
    puffs = []
    base = max(1.2, min(rx, ry) * 0.16)
    for i, fraction in enumerate((0.25, 0.6, 0.95)):
        x = start[0] + (tip[0] - start[0]) * fraction
        y = start[1] + (tip[1] - start[1]) * fraction
        r = base * (1 - 0.28 * i)
        x, y = _clamp((x, y), panel, margin=(r * 1.3 + 0.5, r + 0.5))  # a puff near the border stays in the panel
        puffs.append(_ellipse(x, y, r * 1.3, r, steps=32))
    return puffs


def text_size_mm(lettering: Lettering) -> float:
    return lettering.size_pt * PT_MM


def next_free_position(used) -> str:
    """The first place of READING_ORDER that no bubble of the panel uses yet (`used`: the positions of its
    bubbles, names of POSITIONS); when all nine are taken, the place used the fewest times, in reading order."""
    used = list(used)
    for name in READING_ORDER:
        if name not in used:
            return name
    return min(READING_ORDER, key=used.count)
