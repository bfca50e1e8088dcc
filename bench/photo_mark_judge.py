"""A learned judge of the damage search's marks, tried for the default tick of « Réparer » and NOT shipped.

    python -m bench.photo_mark_judge collect tuning|held-out FILE.npz photos|variants|cracks   # pieces, labelled
    python -m bench.photo_mark_judge train WEIGHTS.npz TUNING-PART.npz ...
    python -m bench.photo_mark_judge judge WEIGHTS.npz A.npz,B.npz C.npz,D.npz   # figures, one split per argument

Cases, drawn from seeds fixed before the judge was written: the packaged photos of a split (bench/_photo_damage.py's
TUNING or HELD_OUT) aged with marks (bench/_photo_damage.age, every kind: seeds 11 and 12; grain and JPEG plus marks
only: seeds 13 and 14) and without (bench/photo_undamaged_aged.py's kinds: seeds 41 to 44), and the motif pictures
(bench/_photo_motifs.py: stars, dots, letters) of the split's first 12 seeds, aged without marks and with them.
Every piece of the mask the studio's analysis finds (analysis.analyse) is a row; it is damage (label 1) when the
generator's own marks, grown by one pixel, cover half of it or more.

The judge (FEATURES per piece, a gradient-boosted tree ensemble) is trained on the tuning split only; the held-out
split is read once, for the figures. Why it was not shipped: bench/out/photo-mark-judge.txt (it halved the repair
ticked on undamaged grainy prints, and left unticked five of seventeen crack networks on tuning photos with seeds no
part had drawn: a bright crack over a dark coat reads as a tripod's leg).
"""
from __future__ import annotations

import sys

import cv2
import numpy as np

from bench._photo_damage import (CRACK_HELD_OUT, CRACK_TUNING, FRESH, HELD_OUT, TUNING, TUNING_CASES, age, aged_case,
                                 case_photo, case_seed, crack_ageing, packaged_photo)
from bench._photo_motifs import MOTIF_HELD_OUT, MOTIF_TUNING, motif_picture
from bench.photo_undamaged_aged import AGED, GRAINY

MARKS = ("scratches", "cracks", "dust", "hairs", "edges")

RING = 4  # px: the ring a piece is compared with, from 2 to 2 + RING px outside it
FEATURES = ("log_area", "log_elongation", "fill", "contrast", "contrast_grain", "bright", "chroma_gap",
            "ring_chroma", "ring_structure", "ring_level", "log_pieces", "log_share")


def piece_features(rgb: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features (N, len(FEATURES)) float32, labels (H, W) int32 of the pieces 1..N, areas (N,) int) of the pieces
    of a (H, W) bool damage `mask` on the (H, W, 3) float [0, 1] photo `rgb` it was found on.

    Per piece: log area (px); log of its box diagonal over its mean width (line-shaped pieces run high); how much
    of its box it fills; its luma contrast against the ring around it (0..1), and that contrast in units of the
    ring's own standard deviation (grain and texture); whether it is brighter than the ring (1) or darker (0); the
    gap between its chroma (Lab a*b* distance to grey, /100) and the ring's, and the ring's chroma (damage shows
    bare paper or dark binder, with no colour of its own); the ring's mean gradient (picture structure around the
    piece); the ring's luma. Per photo, repeated on each row: log of the number of pieces, log of the marked share.
    """
    mask = np.asarray(mask, bool)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    n = count - 1
    if n <= 0:
        return np.zeros((0, len(FEATURES)), np.float32), labels, np.zeros(0, int)
    rgb = np.asarray(rgb, np.float32)
    y = rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2Lab)
    chroma = np.hypot(lab[..., 1], lab[..., 2]) / 100.0
    gradient = cv2.magnitude(cv2.Sobel(y, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(y, cv2.CV_32F, 0, 1, ksize=3)) / 8.0
    near = cv2.dilate(mask.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))).astype(bool)
    # each piece's ring: the pixels 2..2+RING px outside the mask, given to the nearest piece
    grown = cv2.dilate(labels.astype(np.float32), cv2.getStructuringElement(
        cv2.MORPH_ELLIPSE, (2 * (RING + 2) + 1,) * 2)).astype(np.int32)
    ring = np.where(near, 0, grown)
    inside_index, ring_index = labels.ravel(), ring.ravel()
    ids = np.arange(1, count)

    def means(values: np.ndarray, index: np.ndarray) -> np.ndarray:
        sums = np.bincount(index, weights=values.ravel().astype(np.float64), minlength=count)[1:]
        sizes = np.bincount(index, minlength=count)[1:]
        return sums / np.maximum(sizes, 1), sizes

    y_in, area = means(y, inside_index)
    y_ring, ring_size = means(y, ring_index)
    y2_ring, _ = means(y * y, ring_index)
    c_in, _ = means(chroma, inside_index)
    c_ring, _ = means(chroma, ring_index)
    g_ring, _ = means(gradient, ring_index)
    no_ring = ring_size == 0
    y_ring[no_ring], c_ring[no_ring], g_ring[no_ring] = y_in[no_ring], c_in[no_ring], 0.0
    ring_std = np.sqrt(np.maximum(y2_ring - y_ring ** 2, 0.0))
    w, h = stats[ids, cv2.CC_STAT_WIDTH], stats[ids, cv2.CC_STAT_HEIGHT]
    diagonal = np.hypot(w, h)
    width = area / np.maximum(diagonal, 1.0)
    contrast = np.abs(y_in - y_ring)
    share = float(mask.mean())
    features = np.stack([
        np.log(area), np.log(diagonal / np.maximum(width, 0.5)), area / np.maximum(w * h, 1), contrast,
        np.log1p(contrast / np.maximum(ring_std, 0.004)), (y_in > y_ring).astype(np.float64), c_in - c_ring, c_ring,
        g_ring, y_ring, np.full(n, np.log(n)), np.full(n, np.log(max(share, 1e-6))),
    ], axis=1).astype(np.float32)
    return features, labels, area.astype(int)


def working_view(rgb: np.ndarray, mask: np.ndarray, *more: np.ndarray) -> tuple[np.ndarray, ...]:
    """(rgb, mask, *more) on the copy the damage search works on (repair.work_step: a longer side of at most
    repair.WORK_SIDE px, the sizes the judge was trained at): the (H, W, 3) photo shrunk by area, the (H, W) bool
    masks kept wherever a pixel of theirs falls in a working pixel."""
    from .repair import work_step

    h, w = mask.shape[:2]
    step = work_step(h, w)
    if step == 1:
        return (rgb, mask, *more)
    size = (max(1, w // step), max(1, h // step))
    small = [cv2.resize(np.asarray(m, np.float32), size, interpolation=cv2.INTER_AREA) > 0 for m in (mask, *more)]
    return (cv2.resize(np.asarray(rgb, np.float32), size, interpolation=cv2.INTER_AREA), *small)




PARTS = ("photos", "variants", "cracks")


def cases(split: str, part: str):
    """(name, aged picture, true marks (H, W) bool) of one split's part, in a fixed order.

    photos: the split's packaged photos aged with marks and without, and its motif pictures; variants: the other
    aged cases of the split (bench/_photo_damage.py: small, cropped range, light and faint ageing, dye-faded, cells,
    sparse marks, faces, prints on a card for tuning; the fresh photos for held-out); cracks: crack networks and
    creases (crack_ageing) on the split's crack photos, and the same prints with none."""
    if part == "photos":
        photos, motifs = (TUNING, MOTIF_TUNING[:12]) if split == "tuning" else (HELD_OUT, MOTIF_HELD_OUT[:12])
        for name in photos:
            clean = packaged_photo(name)
            for seed in (11, 12, 13, 14):
                kinds = None if seed < 13 else ("grain", "jpeg") + MARKS
                aged = age(clean, case_seed(name, seed)) if kinds is None else age(clean, case_seed(name, seed), kinds)
                yield f"{name}#{seed}", aged.image, aged.marks
            for seed in (41, 42, 43, 44):
                aged = age(clean, case_seed(name, seed), kinds=GRAINY if seed % 2 == 0 else AGED)
                yield f"{name}#{seed}", aged.image, np.zeros(clean.shape[:2], bool)
        for seed in motifs:
            picture = motif_picture(seed)[0]
            plain = age(picture, seed, kinds=GRAINY if seed % 2 == 0 else AGED)
            yield f"motif{seed}", plain.image, np.zeros(picture.shape[:2], bool)
            marked = age(picture, seed + 500)
            yield f"motif{seed}+marks", marked.image, marked.marks
    elif part == "variants":
        chosen = ([c for c in TUNING_CASES if "@" in c[0] or "~" in c[0]] if split == "tuning" else list(FRESH))
        for name, seed in chosen:
            _, aged = aged_case(name, seed)
            image = aged.image if aged.image.ndim == 3 else np.repeat(aged.image[..., None], 3, axis=2)
            yield f"{name}#{seed}", image, aged.marks
    else:
        for name, seed in (CRACK_TUNING if split == "tuning" else CRACK_HELD_OUT):
            for damage in (True, False):
                aged = crack_ageing(case_photo(name), seed, damage=damage)
                yield f"{name}#{seed}{'' if damage else '-plain'}", aged.image, aged.marks


def collect(split: str, out: str, part: str) -> None:
    """Every piece of the mask the analysis finds on the cases, on the print squared up when it lies on a card and on
    the damage search's working copy (working_view), labelled by the generator's own marks taken alike."""
    from pipelines.photo.analysis import analyse, straighten

    rows, labels, areas, case_ids, names, coverage = [], [], [], [], [], []
    for i, (name, image, marks) in enumerate(cases(split, part)):
        found, mask = analyse(image)
        corners = found.print_corners  # a print on a card: its marks judged on the print squared up
        view = ((image, mask, marks) if not corners else
                (straighten(image, corners), *(straighten(m.astype(np.float32), corners) > 0.5 for m in (mask, marks))))
        small, small_mask, small_marks = working_view(*view)
        features, pieces, area = piece_features(small, small_mask)
        grown = cv2.dilate(small_marks.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        covered = np.bincount(pieces.ravel(), weights=grown.ravel().astype(float), minlength=len(area) + 1)[1:]
        share = covered / np.maximum(area, 1)
        rows.append(features)
        labels.append((share >= 0.5).astype(np.int8))
        coverage.append(share)
        areas.append(area)
        case_ids.append(np.full(len(area), i))
        names.append(name)
        tick = "on" if found.damaged else "off"
        print(f"{split} {name:28} pieces {len(area):5d} damage {int(labels[-1].sum()):5d} marked "
              f"{mask.mean() * 100:6.3f} % true marks {marks.mean() * 100:6.3f} % tick {tick}", flush=True)
    np.savez_compressed(out, features=np.concatenate(rows), labels=np.concatenate(labels),
                        areas=np.concatenate(areas), cases=np.concatenate(case_ids), names=np.array(names),
                        coverage=np.concatenate(coverage))


def load(*datas: str) -> dict:
    """The collected pieces of several files (collect's parts) as one set: case numbers made distinct."""
    joined: dict = {k: [] for k in ("features", "labels", "areas", "cases", "names", "coverage")}
    offset = 0
    for data in datas:
        with np.load(data) as d:
            for k in joined:
                joined[k].append(d[k] + offset if k == "cases" else d[k])
            offset += len(d["names"])
    return {k: np.concatenate(v) for k, v in joined.items()}


# The ensemble's size, fixed before training: shallow trees, as many as a few milliseconds per photo allow.
TREES, DEPTH, RATE, L2 = 200, 4, 0.1, 1.0
THRESHOLD = 0.5  # a piece is damage from this probability (read on the tuning split's cross-validation only)


def fit(x: np.ndarray, y: np.ndarray, area: np.ndarray):
    """The ensemble fitted on pieces (features, labels, areas): each piece weighs the square root of its area, and
    the damage pieces as much in all as the others (on a damaged print most pieces are still grain)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    weight = np.sqrt(area) * np.where(y == 1, (y == 0).sum() / max((y == 1).sum(), 1), 1.0)
    model = HistGradientBoostingClassifier(max_iter=TREES, max_depth=DEPTH, learning_rate=RATE, l2_regularization=L2,
                                           random_state=0)
    return model.fit(x, y, sample_weight=weight)


def export(model, out: str) -> None:
    """The fitted ensemble as flat node arrays (pipelines/photo/mark_judge.damage_probability reads them)."""
    feature, threshold, left, right, leaf, value, roots = [], [], [], [], [], [], []
    offset = 0
    for (tree,) in model._predictors:
        nodes = tree.nodes
        roots.append(offset)
        feature.append(nodes["feature_idx"].astype(np.int32))
        threshold.append(nodes["num_threshold"].astype(np.float64))
        left.append(nodes["left"].astype(np.int32) + offset)
        right.append(nodes["right"].astype(np.int32) + offset)
        leaf.append(nodes["is_leaf"].astype(bool))
        value.append(nodes["value"].astype(np.float64))
        offset += len(nodes)
    np.savez_compressed(out, feature=np.concatenate(feature), threshold=np.concatenate(threshold),
                        left=np.concatenate(left), right=np.concatenate(right), leaf=np.concatenate(leaf),
                        value=np.concatenate(value), roots=np.array(roots, np.int32),
                        baseline=float(np.ravel(model._baseline_prediction)[0]), depth=DEPTH, threshold_p=THRESHOLD,
                        features=np.array(FEATURES))


def train(out: str, *datas: str) -> None:
    d = load(*datas)
    x, y, area = d["features"].astype(np.float64), d["labels"], d["areas"]
    export(fit(x, y, area), out)
    print(f"{out}: {TREES} trees of depth {DEPTH} from {len(y)} pieces ({int(y.sum())} damage)")


def probability(weights: str, features: np.ndarray) -> np.ndarray:
    """(N,) probability that each piece is damage, from an ensemble saved by export(), read with numpy alone (a row
    goes left when its feature is at or under the node's threshold, as scikit-learn's predictors do)."""
    with np.load(weights) as w:
        trees = {k: w[k] for k in w.files}
    x = np.asarray(features, np.float64)
    rows = np.arange(len(x))
    node = np.repeat(trees["roots"][None, :], len(x), axis=0)
    for _ in range(int(trees["depth"]) + 1):
        go_left = x[rows[:, None], trees["feature"][node]] <= trees["threshold"][node]
        node = np.where(trees["leaf"][node], node, np.where(go_left, trees["left"][node], trees["right"][node]))
    return 1.0 / (1.0 + np.exp(-np.clip(float(trees["baseline"]) + trees["value"][node].sum(axis=1), -30, 30)))


def judge(weights: str, *datas: str) -> None:
    """Per split: the share of the damage pixels and of the false marks' pixels the judge keeps, and per case the
    marks' pixels before and after the judge."""
    with np.load(weights) as w:
        threshold = float(w["threshold_p"])
    for data in datas:
        d = load(*data.split(","))
        x, y, area, ids, names = d["features"], d["labels"], d["areas"], d["cases"], d["names"]
        keep = probability(weights, x) >= threshold
        kept_true = area[keep & (y == 1)].sum() / max(area[y == 1].sum(), 1)
        kept_false = area[keep & (y == 0)].sum() / max(area[y == 0].sum(), 1)
        print(f"{data}: damage pixels kept {kept_true:.1%}, false-mark pixels kept {kept_false:.1%}")
        for i, name in enumerate(names):
            mine = ids == i
            print(f"  {name:28} false {area[mine & (y == 0)].sum():6d} -> {area[mine & keep & (y == 0)].sum():6d}"
                  f"   damage {area[mine & (y == 1)].sum():6d} -> {area[mine & keep & (y == 1)].sum():6d}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "collect":
        collect(*args)
    elif command == "train":
        train(*args)
    else:
        judge(*args)
