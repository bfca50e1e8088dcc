"""The gallery's words about a creation: its title, how it was made, when, and its files' download names."""
from __future__ import annotations

from pathlib import Path

from pipelines.export.names import download_name
from pipelines.store.works import Work

from .i18n import lang, t


def file_names(item: dict, files: dict[str, Path], owner_name: str) -> dict[str, str]:
    """Each file's download name: what it is, whose, its title and day (pipelines/export/names.py); the file's
    role ("booklet", "certificates"...) is added when two files of the creation share an extension."""
    kind = t(f"downloads.{item['kind']}") if not t(f"downloads.{item['kind']}").startswith("[") else item["kind"]
    suffixes = [path.suffix.lower() for path in files.values()]
    return {name: download_name(kind, owner_name, item["title"] or "",
                                name if suffixes.count(path.suffix.lower()) > 1 else "",
                                day=item["created_at"], ext=path.suffix)
            for name, path in files.items()}


def title_text(work: Work) -> str:
    """The card's title (Work.title: the creation's own, else its print's caption), or what the creation is ("Mes
    cartes postales") when it has none: never the kind's id."""
    if work.title:
        return work.title
    named = t(f"gallery_kinds.{work.main['kind']}")
    return named if not named.startswith("[") else t("gallery_kinds.creation")


# What Streamlit's markdown reads as markup in a title a child typed (« *Zoé* », « [moi] », « 1. », « :red[x] »).
_MARKUP = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+-.!|~$:"})


def title_markdown(work: Work) -> str:
    """The title (title_text) in bold as markdown, its words shown as typed: spaces and line breaks at its ends and
    inside calmed (a caption ending on a space left « **Mémé … **» unbolded, stars shown) and markup escaped."""
    return f"**{' '.join(title_text(work).split()).translate(_MARKUP)}**"


def made_text(item: dict) -> str:
    """How the creation was made, as its record says: the AI model named, the computer without AI (a CPU engine
    named), or without AI (hands and page layout: a comic of drawings, postcards)."""
    if item["ai_made"]:
        return t("gallery.made_ai", model=item["model"]) if item["model"] else t("gallery.made_ai_unnamed")
    return t("gallery.made_cpu") if item["model"] else t("gallery.made_no_ai")


def time_text(iso: str) -> str:
    """'...T14:32:05' as a time people read: « 14 h 32 » in French, 14:32 in English."""
    return f"{iso[11:13]}\u00a0h\u00a0{iso[14:16]}" if lang() == "fr" else iso[11:16]


def day_text(iso: str) -> str:
    """'2026-12-06...' as a date people read: 06/12/2026 in French, 2026-12-06 in English."""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if lang() == "fr" else iso[:10]
