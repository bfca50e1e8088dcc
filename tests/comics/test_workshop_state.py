"""The comics page in progress, read by the engine without Streamlit: the page spec and the AI panel request."""
from __future__ import annotations

from pipelines.comics.workshop import ai_panel_params, hero_description, page_spec, panel_prompt


def _comic() -> dict:
    panel = {"story": "", "way": "stylise", "style": "ligne_claire", "strength": 0.6, "drawing": "", "image": "",
             "ai": False, "job": None, "bubbles": [], "version": 0, "use_hero": False, "seed": None}
    comic = {"id": "abc", "layout": "classic-6", "guided": True,
             "hero": {"name": "Flamme", "look": "un petit dragon vert", "seed": 4242, "ref": ""},
             "panels": [dict(panel) for _ in range(6)], "render_job": None, "result": None}
    comic["panels"][0].update(story="Flamme mange une glace", way="text", image="p1.png", ai=True)
    comic["panels"][1].update(way="drawing_ai", drawing="d2.png", strength=0.4, image="p2.png",
                              bubbles=[{"kind": "speech", "text": "Miam", "position": "top", "nudge": [0, 0],
                                        "tail": None}])
    return comic


def test_page_spec_keeps_the_panels_up_to_the_last_one_used():
    spec = page_spec(_comic(), "Ma BD", "Zoé, Léo ,", "fr")
    assert spec.title == "Ma BD" and spec.authors == ["Zoé", "Léo"] and spec.layout == "classic-6"
    assert len(spec.panels) == 2 and spec.panels[0].ai and spec.panels[1].bubbles[0].text == "Miam"


def test_the_ai_request_carries_the_hero_sheet_and_seed():
    comic = _comic()
    assert hero_description(comic) == "Flamme, un petit dragon vert"
    assert panel_prompt(comic, 1) == "Flamme, un petit dragon vert"  # a drawing with no line: the hero
    text = ai_panel_params(comic, 0, "fr")
    assert text == {"prompt": "Flamme mange une glace", "character": "Flamme, un petit dragon vert",
                    "style": "ligne_claire", "seed": 4242, "width": 512, "height": 512, "language": "fr"}
    drawing = ai_panel_params(comic, 1, "en")
    assert drawing["init_image"] == "d2.png" and drawing["strength"] == 0.4 and drawing["language"] == "en"
