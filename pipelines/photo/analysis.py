"""The automatic look at a photo shown to the patron: colour or not, faded, yellowed, damage, faces, tilt."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import cv2
import numpy as np

from . import repair, stains, tone
from .imaging import is_greyscale, luma, monochrome_tone, silvering


# The share of the pixels the damage search marks (at the default strength) from which the repair is suggested.
# Measured by bench/photo_damage_tick.py (Nov 2026): 28 undamaged packaged photos (and 4 as CMYK JPEGs) mark
# 0-0.73 % (median 0.12 %; one, grace_hopper, an old grainy portrait, 3.3 %), while aged prints of every split
# mark 1.7-11 % (median 6.3 %): a clean CMYK coffee photo marks 0.42 % (10 "scratches", 20 "spots": rims and
# highlights). The line sits between the two, a little above the clean photos' highest ordinary figure.
REPAIR_SUGGESTED_FRACTION = 0.01
# A print on a plainer surface (find_print): it covers PRINT_AREA of the frame or more (a 10x15 cm print on an
# A4 scanner bed: 0.24; on a 30x40 cm card 0.12), and a straight one shows the surface PRINT_MARGIN of the frame's
# shorter side or more on every side (a scan's own white edge is thinner).
PRINT_AREA, PRINT_MARGIN = 0.08, 0.04
# A photo whose longer side is under this many pixels is small: printed half an A4 wide (about 1000 px at 150 ppi)
# it comes out blurred, so « Agrandir » is suggested (a 300 px scan of a contact print was not offered it).
SMALL_PHOTO = 600


@dataclass
class Analysis:
    """What the page shows before the patron picks the steps (plain JSON with asdict)."""

    width: int
    height: int
    greyscale: bool
    fading: float  # 0..1
    yellowing: float  # b* cast the whole print has taken (tone.yellowing)
    scratches: int
    spots: int
    damage_fraction: float
    faces: int | None = None  # None: no face finder installed
    face_boxes: list = field(default_factory=list)
    print_corners: list | None = None  # a photo of a print taken at an angle: its four corners (fractions)
    prints: list = field(default_factory=list)  # an album page holding several prints: each one's corners (find_prints)
    toned: bool = False  # a black-and-white picture under one tone (imaging.toned_monochrome)
    tone: str | None = None  # that tone's name (imaging.monochrome_tone: warm, selenium, cyanotype)
    keeps_tone: bool = False  # the revive step keeps that tone instead of removing the yellow (tone.keeps_tone)
    dye_faded: float = 0.0  # 0..1: a colour print whose dyes faded, blacks risen to a reddish grey (tone.dye_faded)
    dye_cast: str = "red"  # the cast the dye-faded print's blacks took (tone.faded_dye): red, green or blue
    deep_black: float = 3.0  # optical density of the deepest black over the white (tone.deepest_black), 0..3
    underexposed: bool = False  # every tone stayed dark (tone.underexposure): the tone step brightens it
    all_black: bool = False  # nothing in it to bring out (tone.all_black): the tone step is not suggested
    cracked: bool = False  # no other sign of age, but a bright crack network (repair.cracked): the full search ran
    longest_scratch: float = 0.0  # the longest line-shaped mark, in diagonals of the picture (scale_free_marks)
    specks: int = 0  # the marks that are not line-shaped (scale_free_marks)
    foxing: int = 0  # rust-brown foxing spots (stains.find_stains)
    mould: int = 0  # mould blotches (stains.find_stains)
    tide: int = 0  # water stains' tide lines (stains.find_stains)
    stained: float = 0.0  # share of the pixels the stains cover (0..1)
    silvering: float = 0.0  # 0..1: a black-and-white print whose darks took a bluish sheen (imaging.silvering)
    paper_cast: list = field(default_factory=lambda: [0.0, 0.0])  # a*, b* cast the whole print took (tone.paper_cast)
    enlarged: int = 1  # side of the blocks of repeated pixels a program's enlargement left (repair.repeated_blocks)

    @property
    def damaged(self) -> bool:
        """True when the search marked more than clean photos show (repair_suggested: the marked share, or a
        scratch as long or as many specks as no clean photo shows at any scale): the repair is suggested and its
        counts are told; under it the marks are a photo's own details as often as damage."""
        return repair_suggested(self.damage_fraction, self.longest_scratch, self.specks,
                                self.foxing + self.mould + self.tide, self.stained, self.tide)

    def suggested_steps(self) -> list[str]:
        steps = []
        if self.damaged:
            steps.append("repair")
        if (self.fading > 0.15 or abs(self.yellowing) > tone.YELLOWED or self.dye_faded > tone.DYE_FADED
                or self.underexposed or float(np.hypot(*self.paper_cast)) >= tone.PAPER_CAST):
            steps.append("tone")
        steps.append("denoise")
        if self.faces:
            steps.append("faces")
        if self.small:
            steps.append("upscale")
        return steps

    @property
    def small(self) -> bool:
        """True for a photo under SMALL_PHOTO px on its longer side that an enlargement fits (the studio's pixel
        limit, chain.largest_enlargement): « Agrandir » is suggested."""
        from .chain import largest_enlargement

        return max(self.width, self.height) < SMALL_PHOTO and largest_enlargement(self.width, self.height) is not None

    def to_json(self) -> dict:
        return asdict(self)


# Scale-free marks (bench/photo_big_tick.py, Dec 2026). Thin scratches and dust on a big scan (a print enlarged x2-x4,
# scanner grain, JPEG q60-90 or 16-bit) cover a small share of it: a dusty, scratched 2400 px scan marked 0.7 %,
# under REPAIR_SUGGESTED_FRACTION. Two figures that do not change with the scan's size, read on the tuning split only
# (TUNING photos, at their own size, as CMYK JPEGs and scanned big twice: 35 clean cases): the longest line-shaped
# mark reached 0.20 of the picture's diagonal (the coffee cup's rim, at its own size) and the specks 28
# (motorcycle_right); the tick is on from LONGEST_SCRATCH (1.25 times the clean figure) or SPECKS_SUGGESTED (2.5
# times it: a dusty print's specks come by the hundred; a textured ground shows many too, the held-out gravel 61-65).
# On the bench's big scans, wrongly left unticked before -> now: tuning 10 -> 5 of 22, held-out 12 -> 6 of 26; clean
# ones wrongly ticked unchanged (tuning 1 of 22, held-out 1 of 26: both by the marked share, as before).
LONGEST_SCRATCH = 0.25  # diagonals of the picture
SPECKS_SUGGESTED = 70
LINE_SHAPE = 8  # a mark is line-shaped when its box's diagonal is this many times its mean width or more


def scale_free_marks(mask: np.ndarray) -> tuple[float, int]:
    """(longest scratch, specks) of a (H, W) bool damage mask: figures that stay the same when the scan is bigger.

    The mask's 8-connected pieces: a piece is line-shaped when its box's diagonal is LINE_SHAPE times its mean
    width (area over that diagonal) or more. Longest scratch: the longest line-shaped piece's box diagonal, in
    diagonals of the picture (0..1). Specks: how many pieces are not line-shaped."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count <= 1:
        return 0.0, 0
    w, h, area = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_AREA]
    length = np.hypot(w, h)
    line = length >= LINE_SHAPE * area / np.maximum(length, 1)
    longest = float(length[line].max() / np.hypot(*mask.shape)) if line.any() else 0.0
    return longest, int((~line).sum())


# Stains (bench/photo_spots.py, Dec 2026). Only black-and-white and toned prints are searched (stains.find_stains);
# the clean tuning photos show no stain there, nor six of them toned sepia (tests/photo/test_stains.py). The tick
# follows the stains from STAINS_SUGGESTED foxing spots and mould blotches, or one water stain's tide line, once they
# cover STAINED_SUGGESTED of the picture (a couple of warm specks are not « many spots »).
STAINS_SUGGESTED = 8
STAINED_SUGGESTED = 0.004


def repair_suggested(fraction: float, longest_scratch: float = 0.0, specks: int = 0, stains: int = 0,
                     stained: float = 0.0, tide: int = 0) -> bool:
    """Whether « Réparer rayures et poussières » is ticked: the marked share `fraction` (0..1) reaches
    REPAIR_SUGGESTED_FRACTION, or the longest scratch (diagonals, scale_free_marks) reaches LONGEST_SCRATCH, or
    the specks reach SPECKS_SUGGESTED (bench/photo_big_tick.py), or the stains found (foxing, mould, tide lines:
    stains.find_stains) reach STAINS_SUGGESTED, or a water stain's `tide` line is among them, and they cover
    STAINED_SUGGESTED (0..1) of the picture."""
    return (fraction >= REPAIR_SUGGESTED_FRACTION or longest_scratch >= LONGEST_SCRATCH
            or specks >= SPECKS_SUGGESTED
            or ((stains >= STAINS_SUGGESTED or tide >= 1) and stained >= STAINED_SUGGESTED))


@dataclass
class _Surface:
    """A photo seen at most 800 px wide, against the surface its outer border shows (find_print, find_prints)."""

    shape: tuple[int, int]  # (sh, sw) of the small copy
    foreground: np.ndarray  # (sh, sw) uint8: 1 where the photo differs from the surface
    edges: np.ndarray  # (sh, sw) float32 gradient magnitude of the small copy's grey
    border: np.ndarray  # (sh, sw) bool: the outer strip read as the surface
    size: int  # the closing's kernel side, px


def _against_surface(rgb: np.ndarray, close: bool = True, covered: float = 0.1, blur: float = 1.5) -> _Surface | None:
    """What differs from the surface the photo's outer strip shows, or None when the picture fills the frame (more
    than `covered` of the strip differs from its median). `close`: the foreground's gaps narrower than the
    closing's kernel are closed (else left as measured). `blur`: the Gaussian's sigma on the small copy, px."""
    h, w = rgb.shape[:2]
    scale = 800 / max(h, w) if max(h, w) > 800 else 1.0
    small = cv2.resize(rgb, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    small = cv2.GaussianBlur(small.astype(np.float32), (0, 0), blur)
    sh, sw = small.shape[:2]
    strip = max(3, min(sh, sw) // 40)
    border = np.ones((sh, sw), bool)
    border[strip:-strip, strip:-strip] = False
    surface = np.median(small[border], axis=0)
    distance = np.abs(small - surface).max(axis=2)
    # The surface's own texture sets the bar: the print must differ from it more than it varies.
    spread = float(np.median(distance[border])) / 0.6745
    foreground = (distance > max(0.05, 4 * spread)).astype(np.uint8)
    if foreground[border].mean() > covered:
        return None  # the picture fills the frame: nothing around it to tell a print from
    size = max(3, min(sh, sw) // 40) | 1
    if close:
        foreground = cv2.morphologyEx(foreground, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    gray = small.mean(axis=2)
    edges = np.hypot(cv2.Sobel(gray, cv2.CV_32F, 1, 0), cv2.Sobel(gray, cv2.CV_32F, 0, 1))
    return _Surface((sh, sw), foreground, edges, border, size)


def find_print(rgb: np.ndarray) -> list | None:
    """Corners (fractions of the width and height, TL TR BR BL) of a paper print on a plainer surface, or None.

    A print photographed at an angle on a table, or lying straight on a larger card, album page or scanner bed.
    The surface is what the photo's outer border shows; the print is the region that differs from it (PRINT_AREA
    of the frame at least). Its convex outline, simplified to four points, gives the corners. A picture that
    fills the frame (a plain scan) is not offered a crop; a straight print is, when the surface shows around it
    on every side (PRINT_MARGIN of the frame or more): cropped, the repair and the print sheet see the print only.
    A page holding several prints is find_prints()'s.
    """
    seen = _against_surface(rgb)
    if seen is None:
        return None
    (sh, sw), edges, border, size = seen.shape, seen.edges, seen.border, seen.size
    quad = _four_sides(seen.foreground, sh, sw)
    if quad is None:
        # A glare on the table (a lamp, a window) lifts the surface around the print out of its colour, and the
        # region grows past the print's sides; the print's sides are still its sharpest long edges: the region
        # inside the edges the surface's own texture does not reach
        bar = max(0.1, 3 * float(np.percentile(edges[border], 99)))
        outline = cv2.morphologyEx((edges > bar).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
        if outline[border].mean() < 0.02:
            quad = _four_sides(outline, sh, sw)
    if quad is None:
        return None
    corners = _order(quad.reshape(4, 2).astype(np.float32))
    if _side_support(edges, corners, border) < SIDE_SUPPORT:
        return None  # four points, not a print's four edges (a sliver of a damaged photo, a scratch on the card)
    # A straight, axis-aligned shape is offered only as a print lying on a larger surface: the surface around it
    x, y, bw, bh = cv2.boundingRect(quad)
    margin = PRINT_MARGIN * min(sh, sw)
    if cv2.contourArea(corners) > 0.93 * bw * bh and min(x, y, sw - x - bw, sh - y - bh) < margin:
        return None
    return [[float(px / sw), float(py / sh)] for px, py in corners]


SIDE_SUPPORT = 0.7  # share of each side of a print's outline that must run along an edge of the photo
SIDE_REACH = 0.004  # how far from the outline that edge may lie, a share of the frame's longer side (3 px at 800)


def _side_support(edges: np.ndarray, corners: np.ndarray, border: np.ndarray, frame_bounds: bool = False) -> float:
    """The least share, over the four sides of `corners` ((4, 2) TL TR BR BL, pixels of the (h, w) gradient
    magnitude `edges`), of points along the side where an edge stronger than the surface's own (its 95th
    percentile on the frame's `border`, at least 0.05 per pixel) lies within SIDE_REACH of the frame. A print's
    sides are edges all along; four corners of a convex outline around a photo's damage, or a sliver at the frame's
    edge, are not (bench/_photo_damage.py: 5 of 137 aged cases, one a card variant, gave such corners; each was
    offered as a print, and its restore would have been warped to them). `frame_bounds`: a point within SIDE_REACH
    of the frame's own edge counts as on an edge (a print laid up to the edge of a scanned page: find_prints)."""
    h, w = edges.shape
    bar = max(0.05, float(np.percentile(edges[border], 95)))
    reach = max(1, round(SIDE_REACH * max(h, w)))
    strong = cv2.dilate((edges > bar).astype(np.uint8), np.ones((2 * reach + 1,) * 2, np.uint8)).astype(bool)
    if frame_bounds:
        strong[:reach + 1], strong[-reach - 1:], strong[:, :reach + 1], strong[:, -reach - 1:] = True, True, True, True
    least = 1.0
    for a, b in zip(corners, np.roll(corners, -1, axis=0)):
        length = float(np.hypot(*(b - a)))
        if length < 0.1 * min(h, w):
            return 0.0  # a side this short is no print's side: two corners of one
        t = np.linspace(0.1, 0.9, 40)[:, None]  # the corners themselves are rounded off by the blur and closing
        x, y = np.round((a + t * (b - a))).T.astype(int)
        inside = (x >= 0) & (x < w) & (y >= 0) & (y < h)
        least = min(least, float(strong[y[inside], x[inside]].mean()) if inside.any() else 0.0)
    return least


def _four_sides(region: np.ndarray, sh: int, sw: int) -> np.ndarray | None:
    """The four corners (4, 1, 2) of the biggest blob of the (sh, sw) uint8 `region` when its convex outline is a
    four-sided sheet covering PRINT_AREA to 95 % of the frame, else None."""
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    return _sheet(max(contours, key=cv2.contourArea), PRINT_AREA * sh * sw, 0.95 * sh * sw)


def _sheet(contour: np.ndarray, least: float, most: float) -> np.ndarray | None:
    """The four corners (4, 1, 2) of a contour's convex outline when it is a four-sided sheet of `least` to `most`
    px², else None."""
    hull = cv2.convexHull(contour)
    area = cv2.contourArea(hull)
    if not least < area < most:
        return None
    perimeter = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            quad = approx
            break
    if quad is None or cv2.contourArea(quad) < 0.9 * area:
        return None  # not a four-sided sheet
    return quad


# An album page or a scanner bed holding several prints (find_prints): each covers ALBUM_PRINT_AREA of the frame or
# more (six 9x13 cm prints on an A4 page: 0.08 each; a contact sheet's small frames are not prints to restore one by
# one) and at most half of it (two prints or more).
ALBUM_PRINT_AREA = 0.03
ALBUM_PRINT_FILL = 0.8  # find_prints: a print whose outline lost a corner still fills this share of its rectangle
# find_prints: prints laid up to the page's edge cover more of the outer strip than a lone print does (find_print
# takes a photo whose strip is a tenth covered as filling the frame); past this share the strip is no page.
ALBUM_STRIP_COVER = 0.35


def find_prints(rgb: np.ndarray) -> list[list]:
    """The corners (fractions of the width and height, TL TR BR BL) of each print when the photo shows two or more
    lying apart on one surface (an album page, a scanner bed), in reading order (rows top to bottom, then left to
    right); [] otherwise (one print: find_print()'s; a picture filling the frame).

    Each region that differs from the surface (as find_print reads it) and whose convex outline is a four-sided
    sheet of ALBUM_PRINT_AREA to half the frame, its four sides along edges of the photo (SIDE_SUPPORT), is a
    print. Prints touching or overlapping each other read as one region, and are not told apart.
    Measured by bench/photo_album.py (generated pages, split fixed before the finder was written).
    """
    # read with less blur than one print is: two prints' white borders 5 px apart blurred into one band
    seen = _against_surface(rgb, close=False, covered=ALBUM_STRIP_COVER, blur=0.7)
    if seen is None:
        return []
    sh, sw = seen.shape
    least, most = ALBUM_PRINT_AREA * sh * sw, 0.5 * sh * sw
    # the page's own texture, read where the outer strip shows the page (prints laid up to the edge are not it)
    surface = seen.border & (seen.foreground == 0)
    if not surface.any():
        surface = seen.border

    def sheet(contour: np.ndarray) -> np.ndarray | None:
        quad = _sheet(contour, least, most)
        if quad is None:
            # A print's parts as dark (or as pale) as the page leave its outline with a corner or a side cut
            # away: a print lying on a page or a scanner bed is a rectangle, the least one around what differs
            # from the page, when that fills most of it (its sides are then checked along the photo's edges)
            (cx, cy), (rw, rh), angle = cv2.minAreaRect(contour)
            if not least < rw * rh < most or cv2.contourArea(cv2.convexHull(contour)) < ALBUM_PRINT_FILL * rw * rh:
                return None
            quad = cv2.boxPoints(((cx, cy), (rw, rh), angle))
        corners = _order(quad.reshape(4, 2).astype(np.float32))
        return corners if _side_support(seen.edges, corners, surface, frame_bounds=True) >= SIDE_SUPPORT else None

    # The region closed as find_print closes it (a print's dark parts at its edge joined to it); where that joined
    # two prints a few pixels apart, the region as measured, its pixel-wide gaps closed and bridges cut.
    closed = cv2.morphologyEx(seen.foreground, cv2.MORPH_CLOSE, np.ones((seen.size, seen.size), np.uint8))
    light = cv2.morphologyEx(seen.foreground, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    prints = []
    for contour in cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0]:
        corners = sheet(contour)
        if corners is None:
            piece = np.zeros_like(light)
            cv2.drawContours(piece, [contour], -1, 1, cv2.FILLED)
            # prints a pixel or two apart are joined by the blur: a 5 px opening cuts such a bridge
            apart = cv2.morphologyEx(light & piece, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
            parts = cv2.findContours(apart, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0]
            prints += [c for c in map(sheet, parts) if c is not None]
        else:
            prints.append(corners)
    if len(prints) < 2:
        return []
    # reading order: a print starts a new row when its top is below the previous row's lowest middle
    prints.sort(key=lambda c: float(c[:, 1].mean()))
    rows: list[list[np.ndarray]] = []
    for corners in prints:
        if rows and corners[:, 1].min() < max(float(c[:, 1].mean()) for c in rows[-1]):
            rows[-1].append(corners)
        else:
            rows.append([corners])
    ordered = [c for row in rows for c in sorted(row, key=lambda c: float(c[:, 0].mean()))]
    return [[[float(px / sw), float(py / sh)] for px, py in corners] for corners in ordered]


def tilted(corners: list) -> bool:
    """Whether a print's corners (find_print) show it at an angle (a side turned 2 degrees or more, or a
    perspective), rather than lying straight on a card or a scanner bed."""
    tl, tr, br, bl = np.asarray(corners, np.float64)
    across = [np.arctan2(*(b - a)[::-1]) for a, b in ((tl, tr), (bl, br))]  # the top and bottom sides
    down = [np.arctan2(*(b - a)) for a, b in ((tl, bl), (tr, br))]  # the left and right sides
    return max(abs(np.degrees(v)) for v in across + down) >= 2.0


def _order(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s = points.sum(axis=1)
    d = np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]],
                    np.float32)


MAX_FOCAL = 4.0  # longest focal length believed, in photo long sides: a phone's main camera is about 0.8, a 3-5x
# telephoto about 2.5-4 (26 mm-equivalent lens: 26 / 36 of the frame's width; 3-5 times that)


PARALLEL_SIDES = 2.0  # degrees: opposite sides closer to parallel than this show no perspective worth reading


def _side_turn(a, b, c, d) -> float:
    """Degrees between side a->b and side c->d (pixels): 0 for parallel sides."""
    u, v = np.subtract(b, a), np.subtract(d, c)
    return float(np.degrees(abs(np.arctan2(u[0] * v[1] - u[1] * v[0], u @ v))))


def print_aspect(src: np.ndarray, width: int, height: int) -> float | None:
    """Width/height of the real print seen as quad `src` (pixels, TL TR BR BL), or None if unknowable.

    Zhang & He (2007, whiteboard scanning): the four corners of a rectangle seen by a pinhole
    camera with its centre in the middle of the photo fix the focal length, hence the true aspect.
    A quad that is (almost) a parallelogram carries no depth cue: then None (opposite sides within PARALLEL_SIDES
    of parallel: a few pixels of corner error would read as perspective), as when the focal length it implies is
    no camera's (under 0.2 or over MAX_FOCAL photo long sides).
    """
    if max(_side_turn(src[0], src[1], src[3], src[2]), _side_turn(src[0], src[3], src[1], src[2])) < PARALLEL_SIDES:
        return None  # a parallelogram to within the corners' error: no depth cue, only noise to amplify
    tl, tr, br, bl = (np.array([x, y, 1.0]) for x, y in src)
    k2 = np.dot(np.cross(tl, br), bl) / np.dot(np.cross(tr, br), bl)
    k3 = np.dot(np.cross(tl, br), tr) / np.dot(np.cross(bl, br), tr)
    n2, n3 = k2 * tr - tl, k3 * bl - tl
    u0, v0 = width / 2, height / 2
    den = n2[2] * n3[2]
    if abs(den) < 1e-6:
        return None
    f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + den * u0 * u0)
           + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + den * v0 * v0)) / den
    if not np.isfinite(f2) or not (0.2 * max(width, height)) ** 2 < f2 < (MAX_FOCAL * max(width, height)) ** 2:
        # no plausible camera explains this quad: a print seen nearly square-on (turned in its plane, a phone held
        # above it) leaves a parallelogram whose few pixels of corner error then read as a focal length of ten
        # or twenty photo widths, and an aspect anywhere (a square print came out 745 x 1261 px)
        return None
    inv = np.linalg.inv(np.array([[np.sqrt(f2), 0, u0], [0, np.sqrt(f2), v0], [0, 0, 1]]))
    metric = inv.T @ inv
    return float(np.sqrt((n2 @ metric @ n2) / (n3 @ metric @ n3)))


def straighten(rgb: np.ndarray, corners: list) -> np.ndarray:
    """The print cut out and squared up from its four corners (fractions of the photo size)."""
    matrix, size = _print_warp(rgb.shape[:2], corners)
    return cv2.warpPerspective(rgb, matrix, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def _print_warp(shape: tuple[int, int], corners: list) -> tuple[np.ndarray, tuple[int, int]]:
    """The (3, 3) perspective matrix taking a (H, W) photo's print (its corners, fractions) to a squared-up print,
    and that print's (width, height) in pixels."""
    h, w = shape
    src = np.array([[x * w, y * h] for x, y in corners], np.float32)
    width = max(np.linalg.norm(src[1] - src[0]), np.linalg.norm(src[2] - src[3]))
    height = max(np.linalg.norm(src[3] - src[0]), np.linalg.norm(src[2] - src[1]))
    aspect = print_aspect(src, w, h)
    if aspect is not None and 0.2 < aspect < 5:
        # Keep the detail of the longer side; the other follows the print's true shape.
        size = max(width, height)
        width, height = (size, size / aspect) if aspect >= 1 else (size * aspect, size)
    width, height = int(round(width)), int(round(height))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    return cv2.getPerspectiveTransform(src, dst), (width, height)


def damage_on_print(rgb: np.ndarray, corners: list | None, aged: bool, squared: np.ndarray | None = None,
                    strength: float = 0.5) -> repair.Damage:
    """repair.find_damage() of a (H, W, 3) [0, 1] photo at `strength` (0..1), searched on the print squared up
    (`squared`, its straighten(), made here when None) when find_print() found one: a print on a card three times
    its size was searched on a copy shrunk to the frame's working size, where its thin cracks are gone, and a
    tilted print's box held the table's corners, whose edges read as paper lost. The analysis and the repair step
    both search this way (the repair of a print left on its card once searched the whole frame and mended its
    dust only). The mask is the frame's (H, W)."""
    if not corners:
        return repair.find_damage(rgb, strength, aged=aged)
    h, w = rgb.shape[:2]
    matrix, _ = _print_warp((h, w), corners)
    found = repair.find_damage(straighten(rgb, corners) if squared is None else squared, strength, aged=aged)
    # the print's marks brought back onto the photo as it came (the table's corners are no part of the print)
    mask = cv2.warpPerspective(found.mask.astype(np.uint8), matrix, (w, h),
                               flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP, borderValue=0).astype(bool)
    return repair.Damage(mask=mask, scratches=found.scratches, spots=found.spots)


def _share_on_print(mask: np.ndarray, corners: list | None) -> float:
    """The share (0..1) of the print's pixels the (H, W) bool damage `mask` marks: inside its corners (find_print)
    when it lies on a larger surface (a print on a white card: the card's plain pixels are no part of it)."""
    if not corners:
        return float(mask.mean())
    h, w = mask.shape
    inside = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(inside, np.round(np.array(corners) * [w, h]).astype(np.int32), 1)
    return float(mask[inside.astype(bool)].mean()) if inside.any() else float(mask.mean())


def analyse(rgb: np.ndarray, faces=None) -> tuple[Analysis, np.ndarray]:
    """The analysis and the damage mask. `faces`: a face backend to count faces with, or None."""
    prints = find_prints(rgb)
    corners = None if prints else find_print(rgb)  # a page of several prints is not one print on a card
    # A print photographed on a table or lying on a card: its kind and its age are the print's, not the table's
    # or the card's (a brown table made a grey print « En couleurs »; a white card hid a sepia print's fading and
    # its cracks went unsearched); the rest is measured on the photo the patron brought, as the steps will see it
    # until « Redresser » is pressed.
    kind_of = straighten(rgb, corners) if corners else rgb
    old = tone.looks_old(kind_of)  # judged once, as the chain does (it costs seconds on a 20 MP scan)
    # A clean-looking print (not faded, tinted or grainy) whose cracks bare the paper is old all the same: its
    # cracks get the full search, as the repair step gives them (chain.run), not the modern photo's cautious one.
    # The search is as eager as the picture's own signs of age: a black-and-white print's tone or yellowed paper
    # alone does not make its small bright details damage (tone.picture_aged).
    searched_old = old and tone.picture_aged(kind_of)
    cracks = not searched_old and repair.cracked(kind_of)
    damage = damage_on_print(rgb, corners, searched_old or cracks, squared=kind_of)
    named_tone = monochrome_tone(kind_of)
    longest_scratch, specks = scale_free_marks(damage.mask)
    grey = is_greyscale(kind_of)
    silvered = 0.0 if grey else silvering(kind_of)  # a sheen on its darks does not make a black-and-white print colour
    result = Analysis(width=rgb.shape[1], height=rgb.shape[0], greyscale=grey or silvered > 0, silvering=silvered,
                      fading=tone.fading(rgb),
                      yellowing=tone.yellowing(rgb), scratches=damage.scratches, spots=damage.spots,
                      damage_fraction=_share_on_print(damage.mask, corners), print_corners=corners, prints=prints,
                      toned=named_tone is not None, tone=named_tone,
                      keeps_tone=tone.keeps_tone(rgb, old=old),
                      dye_faded=tone.dye_faded(rgb, old=old), dye_cast=tone.faded_dye(rgb),
                      deep_black=tone.deepest_black(rgb),
                      underexposed=tone.underexposure(rgb) != (0.0, 1.0), all_black=tone.all_black(rgb),
                      cracked=cracks,
                      longest_scratch=longest_scratch, specks=specks,
                      paper_cast=[float(v) for v in tone.paper_cast(kind_of)[:2]],
                      enlarged=repair.repeated_blocks(luma(rgb)))
    # Foxing, mould and water stains, on the print as the kind was judged (a card's plain pixels are no part of it);
    # they are levelled by the repair step (chain.restore), not rebuilt: they stay out of the damage mask.
    found = stains.find_stains(kind_of, taken=None if corners else damage.mask)
    result.stained = float(found.mask.mean())
    result.foxing, result.mould, result.tide = found.foxing, found.mould, found.tide
    if faces is not None:
        boxes = faces.find_faces(rgb)
        result.faces = len(boxes)
        result.face_boxes = boxes
    return result, damage.mask
