"""Serve mode on a real server: /media and /_stcore/metrics answer only devices that joined, and a
tablet bound to one child (tablet code, as in the console's QR code) sees only that child's creations.

Tablets are simulated by a TCP forwarder whose connections to the studio come from 127.0.0.2: the
studio sees another machine, exactly as with a tablet on the library network.
"""
from __future__ import annotations

import http.client
import socket
import threading
from pathlib import Path


from tests.e2e.conftest import ROOT, shot, start_studio, stop_studio, wait_ready

TABLET_ADDRESS = "127.0.0.2"


class Forwarder:
    """Listen on 127.0.0.1:<port>; relay each connection to the studio from TABLET_ADDRESS."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port), source_address=(TABLET_ADDRESS, 0))
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.server.close()
        for s in self.sockets:
            s.close()


def _get(port: int, path: str, cookie: str | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def _seed(data_dir: Path) -> dict:
    import os
    import subprocess
    import sys

    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
import numpy as np
from PIL import Image
from pipelines.store import Store
from pipelines.store.devices import Devices
s = Store()
w = s.create_workshop("Atelier tablettes", retention="day")
out = {{"workshop": w}}
for name, colour in (("Bob", (200, 30, 30)), ("Zoé", (30, 30, 200))):
    p = s.add_participant(w["id"], name, consent=True, consent_by="Parent")
    folder = s.artifact_dir(w["id"], "test-" + name.lower())
    folder.mkdir(parents=True)
    Image.new("RGB", (80, 60), colour).save(folder / "image.png")
    s.add_artifact(workshop_id=w["id"], owner=p["id"], kind="image", files={{"image": str(folder / "image.png")}},
                   title="Dessin de " + name)
    out[name] = Devices(s).tablet_code(p["id"])
print(json.dumps(out))
"""
    done = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, ATELIER_DATA_DIR=str(data_dir)),
                          capture_output=True, text=True, check=True)
    import json

    return json.loads(done.stdout)


def test_serve_mode_gates_media_and_metrics_and_binds_a_tablet(browser, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    seeded = _seed(data_dir)
    studio = start_studio(data_dir, {"ATELIER_REQUIRE_CODE": "1", "ATELIER_EMBEDDED_WORKER": "0"})
    studio_port = int(studio.rsplit(":", 1)[1])
    forwarder = Forwarder(studio_port)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        # A device that never gave a code: a cookie, but no media and no metrics.
        first = _get(forwarder.port, "/")
        assert first.status == 200
        stranger = first.getheader("set-cookie").split(";")[0]
        assert stranger.startswith("atelier_device=") and "HttpOnly" in first.getheader("set-cookie")
        assert _get(forwarder.port, "/_stcore/metrics", stranger).status == 403
        assert _get(forwarder.port, "/_stcore/metrics").status == 403
        assert _get(studio_port, "/_stcore/metrics").status == 200  # the facilitator's own machine

        # Bob's tablet, bound by the console's QR code address.
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"http://127.0.0.1:{forwarder.port}/?tablet={seeded['Bob']}")
        wait_ready(page)
        page.get_by_text("Bob").first.wait_for()
        assert "tablet=" not in page.url  # the code does not stay in the address bar
        page.goto(f"http://127.0.0.1:{forwarder.port}/gallery")  # a reload: the device cookie keeps it bound
        wait_ready(page)
        page.get_by_text("Dessin de Bob").wait_for()
        shot(page, "serve-gate-bound-tablet-gallery")
        assert not page.get_by_text("Dessin de Zoé").count()
        assert not page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count()  # no name picker
        src = page.locator('[data-testid="stMain"] img').first.get_attribute("src")
        assert src.startswith("/media/") or "/media/" in src
        media = "/media/" + src.split("/media/", 1)[1]
        joined = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies() if c["name"] == "atelier_device")
        assert _get(forwarder.port, media, joined).status == 200
        assert _get(forwarder.port, "/_stcore/metrics", joined).status == 200
        assert _get(forwarder.port, media).status == 403
        assert _get(forwarder.port, media, stranger).status == 403
        assert _get(forwarder.port, media, "atelier_device=forged-token-forged-token-forged").status == 403
        # The join form also takes a tablet code typed by hand, on a fresh device.
        other = browser.new_context(viewport={"width": 1300, "height": 900})
        tablet = other.new_page()
        tablet.goto(f"http://127.0.0.1:{forwarder.port}/gallery")
        wait_ready(tablet)
        tablet.get_by_label("Code de l'atelier").fill(seeded["Zoé"].lower())
        tablet.get_by_role("button", name="Entrer").click()
        tablet.locator('[data-testid="stSidebar"]').get_by_text("Zoé").wait_for()
        tablet.goto(f"http://127.0.0.1:{forwarder.port}/gallery")
        wait_ready(tablet)
        tablet.get_by_text("Dessin de Zoé").wait_for()
        assert not tablet.get_by_text("Dessin de Bob").count()
        other.close()
    finally:
        context.close()
        forwarder.close()
        stop_studio(studio)
