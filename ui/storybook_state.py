"""The Storybook page's session state: the child's choices, the story on the page and its id (widget keys
carry it, so a new story never shows the previous one's boxes), kept with the work in progress (ui.work)."""
from __future__ import annotations

import json

import streamlit as st

from pipelines.story.spec import Story

from .work import wkey


def choices_data() -> dict:
    """The child's choices so far (kept with the work in progress; the widgets show them)."""
    return st.session_state.setdefault("story-choices", {})


def key(name: str) -> str:
    """A Storybook widget's key (a new one once another participant takes the tablet: ui.work.wkey)."""
    return wkey("story", name)


def story_from_job(job) -> None:
    """Keep the story a finished story.write job made, as a new story: its own id, so the page boxes,
    pictures and book of the previous story (their widget keys carry its id) never touch this one."""
    story = Story.from_json(job.result["story"])
    st.session_state["story"] = json.loads(story.to_json())
    st.session_state["story-id"] = job.id[:12]
    for name in ("story-drafts", "book-files", "book-story", "book-notes", "book-job", "story-preview",
                 "story-picture-jobs", "story-ai-pictures"):
        st.session_state.pop(name, None)


def page_drafts() -> dict[str, str]:
    """The pages' typed texts that were refused, by page number ("2": text): shown in their boxes (also after a
    reload: kept with the work in progress) while the story keeps its accepted text; the book waits for them."""
    return st.session_state.setdefault("story-drafts", {})


def story_id() -> str:
    """The id of the story on the page (its widgets' keys carry it)."""
    return st.session_state.setdefault("story-id", "0")


def current_story() -> Story:
    return Story.from_dict(st.session_state["story"])


def keep_story(story: Story) -> None:
    """Keep an edited story; the book made from the previous text is dropped."""
    st.session_state["story"] = json.loads(story.to_json())
    st.session_state.pop("book-files", None)
