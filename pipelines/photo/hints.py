"""Colour hints: spread the patron's colour points along the luminance (Levin et al. 2004).

Levin's "Colorization using Optimization" asks neighbouring pixels of similar luminance to get
similar colours. The plain method solves one big sparse system (scipy spsolve: ~20 s for a
512x512 photo here). This module solves a symmetric form of the same energy,

    sum over neighbour pairs (r, s) of w_rs (U_r - U_s)^2  +  lam * sum_r (U_r - prior_r)^2,

with the hint pixels held fixed, by a cascadic multigrid: solve on a small copy, upsample the
answer as the starting point of a Jacobi-preconditioned conjugate gradient on the next size, and
so on. The operator is applied with array slices (no matrix is built), both colour channels at
once. Large scans are solved at about one megapixel and the colours are brought back to full
size with a guided filter that follows the full-resolution luminance.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .imaging import fit_size, lab_to_rgb, rgb_to_lab

# Neighbour offsets (dy, dx) covering the 8-neighbourhood once per pair.
OFFSETS = ((0, 1), (1, 0), (1, 1), (1, -1))
WORKING_PIXELS = 1_000_000  # solve size of big scans; colours are guided back to full size
COARSEST_SIDE = 48


def _pair_slices(shape: tuple[int, int], dy: int, dx: int):
    """Slices P and Q such that Q is P shifted by (dy, dx), both inside an image of `shape`."""
    h, w = shape
    rows_p, rows_q = slice(0, h - dy), slice(dy, h)
    if dx >= 0:
        cols_p, cols_q = slice(0, w - dx), slice(dx, w)
    else:
        cols_p, cols_q = slice(-dx, w), slice(0, w + dx)
    return (rows_p, cols_p), (rows_q, cols_q)


@dataclass
class Affinity:
    """Neighbour weights of one luminance image: the graph the colours spread along."""

    shape: tuple[int, int]
    laplacian: "object"  # scipy CSR matrix D - W, (H*W, H*W)
    degree: np.ndarray  # (H, W): sum of the weights touching each pixel

    def apply(self, x: np.ndarray) -> np.ndarray:
        """The graph Laplacian times x, x shaped (H, W, C)."""
        flat = x.reshape(-1, x.shape[-1])
        return np.asarray(self.laplacian @ flat, dtype=np.float32).reshape(x.shape)


def affinity(y: np.ndarray) -> Affinity:
    """Levin's weights exp(-(Y_r - Y_s)^2 / 2 sigma^2), sigma from the local variance, made symmetric."""
    import scipy.sparse as sp

    y = y.astype(np.float32)
    shape = y.shape
    h, w = shape
    mean = cv2.blur(y, (3, 3), borderType=cv2.BORDER_REFLECT)
    var = cv2.blur(y * y, (3, 3), borderType=cv2.BORDER_REFLECT) - mean * mean
    diffs = []
    min_diff = np.full(shape, np.inf, np.float32)
    for dy, dx in OFFSETS:
        p, q = _pair_slices(shape, dy, dx)
        d2 = (y[p] - y[q]) ** 2
        diffs.append(d2)
        np.minimum(min_diff[p], d2, out=min_diff[p])
        np.minimum(min_diff[q], d2, out=min_diff[q])
    # As in Levin's code: sigma^2 = 0.6 var, but large enough that the closest neighbour keeps
    # a weight of at least 0.01, and never below 2e-6.
    sigma2 = np.maximum(np.maximum(var * 0.6, min_diff / np.log(100.0)), 2e-6).astype(np.float32)
    index = np.arange(h * w, dtype=np.int32).reshape(shape)
    degree = np.zeros(shape, np.float32)
    rows, cols, vals = [], [], []
    for (dy, dx), d2 in zip(OFFSETS, diffs):
        p, q = _pair_slices(shape, dy, dx)
        wts = np.exp(-d2 / (sigma2[p] + sigma2[q])).astype(np.float32)  # 2 sigma^2, sigma^2 the pair mean
        degree[p] += wts
        degree[q] += wts
        rows += [index[p].ravel(), index[q].ravel()]
        cols += [index[q].ravel(), index[p].ravel()]
        vals += [-wts.ravel(), -wts.ravel()]
    rows.append(index.ravel())
    cols.append(index.ravel())
    vals.append(degree.ravel())
    laplacian = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                              shape=(h * w, h * w), dtype=np.float32)
    return Affinity(shape=shape, laplacian=laplacian, degree=degree)


def _pcg(graph: Affinity, x: np.ndarray, fixed: np.ndarray, lam: float, prior: np.ndarray | None,
         iterations: int, tol: float = 1e-4) -> np.ndarray:
    """Jacobi-preconditioned CG on the free pixels (both channels at once, each its own step sizes)."""
    shape = x.shape
    channels = shape[-1]
    free = (~fixed).reshape(-1, 1).astype(np.float32)
    inv_diag = free / (graph.degree.reshape(-1, 1) + lam + 1e-6)
    matrix = graph.laplacian
    dot = lambda u, v: np.einsum("nc,nc->c", u, v)  # noqa: E731 (per-channel inner products)

    def operator(v: np.ndarray) -> np.ndarray:
        out = matrix @ v
        if lam:
            out += lam * v
        return out * free

    x = x.reshape(-1, channels).astype(np.float32)
    b = lam * prior.reshape(-1, channels) * free if (lam and prior is not None) else 0.0
    r = (b - operator(x)).astype(np.float32)
    z = r * inv_diag
    p = z.copy()
    rz = dot(r, z)
    start = np.sqrt(dot(r, r)) + 1e-12
    for _ in range(iterations):
        ap = operator(p)
        alpha = rz / np.maximum(dot(p, ap), 1e-20)
        x += alpha * p
        r -= alpha * ap
        if np.all(np.sqrt(dot(r, r)) < tol * start):
            break
        z = r * inv_diag
        rz_new = dot(r, z)
        p = z + (rz_new / np.maximum(rz, 1e-30)) * p
        rz = rz_new
    return x.reshape(shape)


def _shrink_hints(mask: np.ndarray, values: np.ndarray, size: tuple[int, int]):
    """Hints on a smaller grid: a coarse pixel holding any hint gets their mean colour."""
    weight = cv2.resize(mask.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    summed = cv2.resize(values * mask[..., None], size, interpolation=cv2.INTER_AREA)
    coarse = weight > 1e-6
    return coarse, np.where(coarse[..., None], summed / np.maximum(weight, 1e-6)[..., None], 0).astype(np.float32)


def solve(y: np.ndarray, mask: np.ndarray, values: np.ndarray, *, lam: float = 0.0,
          prior: np.ndarray | None = None, iterations: int = 40) -> np.ndarray:
    """Colours (H, W, C) spread from the hint pixels (`mask`, `values` (H, W, C)) along luminance `y`.

    With `prior` and `lam` > 0 the colours also stay close to `prior` away from the hints (used
    to correct an automatic colourisation locally instead of repainting the whole photo).
    """
    h, w = y.shape
    values = values.astype(np.float32)
    if not mask.any():
        return prior.astype(np.float32).copy() if prior is not None else np.zeros((h, w, values.shape[2]), np.float32)
    if lam and prior is None:
        raise ValueError("solve(): a prior weight `lam` was given without a `prior` image.")
    # 1. The pyramid of sizes, halving down to a small grid.
    sizes = [(w, h)]
    while min(sizes[-1]) > COARSEST_SIDE * 2:
        sizes.append((max(1, sizes[-1][0] // 2), max(1, sizes[-1][1] // 2)))
    # 2. Coarse to fine: each level starts from the upsampled answer of the level below.
    x = None
    for level, size in enumerate(reversed(sizes)):
        last = level == len(sizes) - 1
        y_l = y if last else cv2.resize(y, size, interpolation=cv2.INTER_AREA)
        m_l, v_l = (mask, values) if last else _shrink_hints(mask, values, size)
        pr_l = None if prior is None else (prior if last else cv2.resize(prior, size, interpolation=cv2.INTER_AREA))
        if pr_l is not None and pr_l.ndim == 2:
            pr_l = pr_l[..., None]
        if x is None:
            x = np.zeros((size[1], size[0], values.shape[2]), np.float32) if pr_l is None else pr_l.copy()
            x[m_l] = v_l[m_l] if pr_l is None else v_l[m_l]
            if pr_l is None:  # a flat start at the mean hint colour converges faster than zero
                x[~m_l] = v_l[m_l].mean(axis=0)
            steps = 400
        else:
            x = cv2.resize(x, size, interpolation=cv2.INTER_LINEAR)
            if x.ndim == 2:
                x = x[..., None]
            steps = iterations
        x[m_l] = v_l[m_l]
        x = _pcg(affinity(y_l), x, m_l, lam, pr_l, steps)
    return x


def guided_upsample(ab: np.ndarray, guide: np.ndarray, radius: int = 0, eps: float = 1e-3) -> np.ndarray:
    """Bring small colour planes back to the size of `guide` (full-resolution luminance), edges kept."""
    h, w = guide.shape
    up = cv2.resize(ab, (w, h), interpolation=cv2.INTER_LINEAR)
    if up.ndim == 2:
        up = up[..., None]
    scale = max(h / ab.shape[0], w / ab.shape[1])
    if scale <= 1.01:
        return up
    r = radius or max(2, int(round(scale * 2)))
    box = lambda a: cv2.boxFilter(a, -1, (2 * r + 1, 2 * r + 1), borderType=cv2.BORDER_REFLECT)  # noqa: E731
    guide = guide.astype(np.float32)
    mean_i = box(guide)
    var_i = box(guide * guide) - mean_i * mean_i
    out = np.empty_like(up)
    for c in range(up.shape[2]):
        p = np.ascontiguousarray(up[..., c])
        mean_p = box(p)
        cov = box(guide * p) - mean_i * mean_p
        a = cov / (var_i + eps)
        bias = mean_p - a * mean_i
        out[..., c] = box(a) * guide + box(bias)
    return out


def hints_from_rgba(rgba: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An RGBA hint layer (opaque pixels = colours) -> (mask (H, W), ab values (H, W, 2))."""
    if rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(f"a hint layer must be RGBA (H, W, 4) but has shape {rgba.shape}.")
    mask = rgba[..., 3] >= 128
    lab = rgb_to_lab(rgba[..., :3].astype(np.float32) / 255.0)
    return mask, lab[..., 1:]


def colorize(rgb: np.ndarray, mask: np.ndarray, hint_ab: np.ndarray, *, auto_ab: np.ndarray | None = None,
             working_pixels: int = WORKING_PIXELS, correction: float = 0.02) -> np.ndarray:
    """A colour photo from a photo's luminance and colour hints (optionally correcting `auto_ab`).

    rgb: (H, W, 3) float in [0, 1] (its colours are ignored; its lightness is kept at full size).
    mask, hint_ab: hint pixels and their Lab a/b, same H, W. auto_ab: a/b of an automatic result.
    """
    if mask.shape != rgb.shape[:2] or hint_ab.shape[:2] != rgb.shape[:2]:
        raise ValueError(f"hints are {mask.shape[::-1]} pixels but the photo is {rgb.shape[1::-1]}: "
                         "they must be the same size.")
    h, w = rgb.shape[:2]
    lightness = rgb_to_lab(rgb)[..., 0]
    y_full = lightness / 100.0
    size = fit_size(w, h, working_pixels)
    if size != (w, h):
        y = cv2.resize(y_full, size, interpolation=cv2.INTER_AREA)
        m, v = _shrink_hints(mask, hint_ab.astype(np.float32), size)
        prior = None if auto_ab is None else cv2.resize(auto_ab.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    else:
        y, m, v, prior = y_full, mask, hint_ab.astype(np.float32), auto_ab
    ab = solve(y, m, v, lam=correction if prior is not None else 0.0, prior=prior)
    if size != (w, h):
        ab = guided_upsample(ab, y_full)
    lab = np.concatenate([lightness[..., None], ab], axis=2)
    return lab_to_rgb(lab)


def levin_spsolve(y: np.ndarray, mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The plain method (the speed and quality baseline): one sparse system per channel, spsolve."""
    import scipy.sparse as sp
    from scipy.sparse.linalg import spsolve

    h, w = y.shape
    n = h * w
    index = np.arange(n).reshape(h, w)
    rows, cols, vals = [], [], []
    pad = np.pad(y, 1, mode="constant", constant_values=np.nan)
    pidx = np.pad(index, 1, mode="constant", constant_values=-1)
    neighbours = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0)]
    ny = np.stack([pad[1 + dy:1 + dy + h, 1 + dx:1 + dx + w] for dy, dx in neighbours], axis=-1)
    ni = np.stack([pidx[1 + dy:1 + dy + h, 1 + dx:1 + dx + w] for dy, dx in neighbours], axis=-1)
    valid = ni >= 0
    window = np.concatenate([np.where(valid, ny, np.nan), y[..., None]], axis=-1)
    var = np.nanvar(window, axis=-1)
    d2 = np.where(valid, (ny - y[..., None]) ** 2, np.inf)
    sigma = np.maximum(np.maximum(var * 0.6, d2.min(axis=-1) / np.log(100.0)), 2e-6)
    wts = np.where(valid, np.exp(-np.where(valid, d2, 0) / sigma[..., None]), 0.0)
    wts /= wts.sum(axis=-1, keepdims=True)
    free = ~mask
    for k in range(len(neighbours)):
        sel = valid[..., k] & free
        rows.append(index[sel])
        cols.append(ni[..., k][sel])
        vals.append(-wts[..., k][sel])
    rows.append(index.ravel())
    cols.append(index.ravel())
    vals.append(np.ones(n))
    matrix = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    out = np.zeros((h, w, values.shape[2]), np.float64)
    for c in range(values.shape[2]):
        b = np.where(mask, values[..., c], 0.0).ravel()
        out[..., c] = spsolve(matrix, b).reshape(h, w)
    return out.astype(np.float32)
