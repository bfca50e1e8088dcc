"""Faces: facexlib finds, aligns and pastes back; GFPGAN / CodeFormer / RestoreFormer restore (spandrel).

The detector and face parser weights come from the `facexlib` catalogue folder (model_rootpath),
so facexlib never downloads anything. A detector object can be swapped in (`detector`): anything
with facexlib's `detect_faces(bgr_image, conf_threshold) -> (N, 15)` array (box, score, five
landmarks), which is how tests drive the whole path with known faces.
"""
from __future__ import annotations

import threading
from typing import Any, ClassVar

import numpy as np

from ..backends import Backend
from ..i18n import UserError
from .backends import SPANDREL, _device, _load_spandrel, openvino_or_torch
from .contract import PhotoRequest, PhotoResult
from ..commands import studio

FACE_SIZE = 512
MAX_FACES = 40  # faces restored in one photo at most


class FaceRestorer(Backend):
    """Base of the face backends: detection -> alignment -> restoration -> paste-back -> blend."""

    capability = "photo.faces"
    modules = SPANDREL + ("facexlib",)
    engine = "torch"
    ai_made = True  # the restored faces are drawn by the model
    model_id: ClassVar[str]
    file: ClassVar[str]
    extra_arch: ClassVar[bool] = False
    has_fidelity: ClassVar[bool] = False
    signed_range: ClassVar[bool] = True  # GFPGAN and CodeFormer work on faces in [-1, 1]
    detector: Any = None  # swap in a detector object (tests); None = facexlib's RetinaFace
    openvino_shape: ClassVar[tuple[int, ...] | None] = None  # set where OpenVINO was measured faster on a CPU
    made_by = "torch"  # after load(): "openvino bf16" / "openvino f32" when the OpenVINO runner runs it
    engine_failed = ""
    runner: Any = None

    def __init__(self) -> None:
        super().__init__()
        self._run_lock = threading.Lock()

    def load(self) -> None:
        import torch
        from facexlib.utils.face_restoration_helper import FaceRestoreHelper

        self.model = _load_spandrel(self.model_path(self.model_id) / self.file, extra=self.extra_arch)
        self.made_by, self.runner = "torch", None
        if self.openvino_shape and _device() == "cpu":
            self.runner = openvino_or_torch(self, _SignedFace.build(self.model.model), self.openvino_shape)
        # model_rootpath holds detection_Resnet50_Final.pth and parsing_parsenet.pth: no download.
        folder = self.model_path("facexlib")
        try:
            self.helper = FaceRestoreHelper(1, face_size=FACE_SIZE, crop_ratio=(1, 1), det_model="retinaface_resnet50",
                                            save_ext="png", use_parse=True, device=torch.device(_device()),
                                            model_rootpath=str(folder))
        except Exception as exc:  # a truncated or foreign file: say which one, never a traceback
            raise UserError("photo.errors.model_unreadable", file=str(folder), detail=str(exc)[:200],
                            command=studio("models download facexlib")) from None
        self._retinaface = self.helper.face_det

    def _detect(self, bgr: np.ndarray) -> int:
        helper = self.helper
        # The swapped-in detector (tests) or facexlib's RetinaFace, chosen at every call.
        helper.face_det = self.detector if self.detector is not None else self._retinaface
        helper.clean_all()
        helper.read_image(bgr)
        count = helper.get_face_landmarks_5(only_center_face=False, resize=640, eye_dist_threshold=5)
        if count > MAX_FACES:
            # A class photo has a few dozen faces; more is a detector gone wrong: keep the biggest ones.
            order = sorted(range(count), key=lambda i: -_area(helper.det_faces[i]))[:MAX_FACES]
            helper.det_faces = [helper.det_faces[i] for i in order]
            helper.all_landmarks_5 = [helper.all_landmarks_5[i] for i in order]
            count = MAX_FACES
        return count

    def find_faces(self, rgb: np.ndarray) -> list[list[float]]:
        """Boxes of the faces in a photo (x0, y0, x1, y1, pixels)."""
        self.ensure_loaded()
        bgr = _to_bgr8(rgb)
        with self._run_lock:
            self._detect(bgr)
            return [[float(v) for v in box[:4]] for box in self.helper.det_faces]

    def _restore_face(self, face_rgb: np.ndarray, fidelity: float) -> np.ndarray:
        """One aligned 512 px face (float RGB [0, 1]) -> the restored face, same size and range."""
        import torch

        if self.runner is not None:
            restored = self.runner(face_rgb.transpose(2, 0, 1)[None])[0]
            return np.clip((restored + 1) / 2, 0, 1).transpose(1, 2, 0)
        device = next(self.model.model.parameters()).device
        tensor = torch.from_numpy(np.ascontiguousarray(face_rgb.transpose(2, 0, 1)))[None].to(device)
        with torch.inference_mode():
            if self.signed_range:
                # Trained on faces in [-1, 1]; spandrel's call would hand them [0, 1] unchanged.
                options = {"weight": float(fidelity)} if self.has_fidelity else {"return_rgb": False}
                out = (self.model.model(tensor * 2 - 1, **options)[0] + 1) / 2
            else:
                out = self.model(tensor)  # the descriptor rescales (RestoreFormer)
        return out.clamp(0, 1)[0].float().cpu().numpy().transpose(1, 2, 0)

    def __call__(self, request: PhotoRequest) -> PhotoResult:
        """Restore every face found; `blend` 0 gives back the photo unchanged, 1 the restored faces pasted in."""
        rgb, blend, fidelity, progress = request.image, request.blend, request.fidelity, request.progress
        self.ensure_loaded()
        bgr = _to_bgr8(rgb)
        with self._run_lock:
            count = self._detect(bgr)
            if count == 0:
                return PhotoResult(image=rgb.copy(), faces=0, boxes=[])
            helper = self.helper
            boxes = [[float(v) for v in box[:4]] for box in helper.det_faces]
            helper.align_warp_face()
            for n, cropped in enumerate(helper.cropped_faces):
                restored = self._restore_face(cropped[:, :, ::-1].astype(np.float32) / 255.0, fidelity)
                helper.add_restored_face(np.clip(restored[:, :, ::-1] * 255 + 0.5, 0, 255).astype(np.uint8))
                progress((n + 1) / count, "photo.progress.faces")
            helper.get_inverse_affine(None)
            pasted = helper.paste_faces_to_input_image(upsample_img=bgr)
            helper.clean_all()
        # The blend is a difference added to the untouched photo: outside the faces the paste-back equals
        # the 8-bit input, so only faces change, and blend 0 is the photo itself (restored faces can drift
        # from the real person).
        change = pasted[:, :, ::-1].astype(np.float32) / 255.0 - bgr[:, :, ::-1].astype(np.float32) / 255.0
        image = np.clip(rgb + change * float(np.clip(blend, 0, 1)), 0, 1).astype(np.float32)
        return PhotoResult(image=image, faces=count, boxes=boxes)


class _SignedFace:
    """The traced face module: a face in [0, 1] (1x3x512x512) -> the restored face in [-1, 1]."""

    @staticmethod
    def build(inner):
        import torch

        class SignedFace(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.inner = inner

            def forward(self, face):
                return self.inner(face * 2 - 1, return_rgb=False)[0]

        return SignedFace().eval()


def _area(box) -> float:
    return max(0.0, float(box[2] - box[0])) * max(0.0, float(box[3] - box[1]))


def _to_bgr8(rgb: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.clip(rgb[:, :, ::-1] * 255 + 0.5, 0, 255).astype(np.uint8))


class GFPGANFaces(FaceRestorer):
    name = "photo.faces.gfpgan"
    label = "photo.backend.faces_gfpgan"
    licence = "Apache-2.0 (GFPGAN) + MIT (facexlib)"
    weights = ("gfpgan-1.4", "facexlib")
    model_id = "gfpgan-1.4"
    file = "GFPGANv1.4.pth"
    # 5.3x faster in bf16 within tolerance (bench/out/openvino-models-faces-music.txt)
    openvino_shape = (1, 3, FACE_SIZE, FACE_SIZE)


class RestoreFormerFaces(FaceRestorer):
    name = "photo.faces.restoreformer"
    label = "photo.backend.faces_restoreformer"
    licence = "RestoreFormer (GFPGAN release, licence unverified) + MIT (facexlib)"
    weights = ("restoreformer", "facexlib")
    model_id = "restoreformer"
    file = "RestoreFormer.pth"
    signed_range = False
    optional = True


class CodeFormerFaces(FaceRestorer):
    name = "photo.faces.codeformer"
    label = "photo.backend.faces_codeformer"
    licence = "S-Lab License 1.0 — NON-COMMERCIAL"
    weights = ("codeformer", "facexlib")
    model_id = "codeformer"
    file = "codeformer.pth"
    extra_arch = True
    has_fidelity = True
    optional = True  # non-commercial licence: never the default
