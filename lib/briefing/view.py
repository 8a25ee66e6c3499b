"""One book, two lives: a view shows its live form in JupyterLab and its static twin elsewhere.

A view's display bundle holds the live form that JupyterLab picks (a widget view, the plotly
mimetype) and, always, `text/html`: a self-contained static twin made from the same model that
does the same job with no kernel. nbconvert falls back to `text/html` when the richer
mimetype cannot render, and the briefing exporter always picks it.
"""

from __future__ import annotations

import os
from typing import Any

from .content import EXPORT_ENV

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
LIVE_MIMES = (WIDGET_MIME, PLOTLY_MIME)


class View:
    """Base for every view object the notebook displays.

    Subclasses implement `static_html()` (the twin) and may implement `live()` returning an
    ipywidgets widget or a `{mimetype: data}` dict; `None` means the twin is the live form too.
    A kernel running the notebook for an export (`exporting()`) builds the twin only.
    """

    title: str = ""

    def static_html(self) -> str:
        raise NotImplementedError

    def live(self) -> Any:
        return None

    def fallback_html(self) -> str:
        """The text/html beside a live form, for notebook viewers without widgets: the twin,
        unless a view's twin only works inside the exported page (the map's needs its leaflet)."""
        return self.static_html()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/plain": self.title or type(self).__name__}
        # an export shows only the twin: its kernel builds no live form (no widget, no second
        # copy of a view's data through the kernel)
        live = None if exporting() else self.live()
        if live is not None:
            self._live = live  # keep the widget (and its callbacks) alive with the view
            bundle.update(live if isinstance(live, dict) else _widget_bundle(live))
        bundle["text/html"] = self.static_html() if live is None else self.fallback_html()
        bundle["text/plain"] = self.title or type(self).__name__
        return bundle

    def _repr_html_(self) -> str:
        return self.static_html()


def _widget_bundle(widget: Any) -> dict[str, Any]:
    """The widget's view reference, as ipywidgets 8's own `_repr_mimebundle_` gives it, without
    building its text/plain (a repr of every trait of every child: for the map, its whole frame
    page, 0.6 MB made only to be cut to 110 characters and dropped here)."""
    return {WIDGET_MIME: {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}}


def exporting() -> bool:
    """True when this kernel is running the notebook to export it (content.EXPORT_ENV): views
    then leave out text meant only for the live notebook (how to run cells) and may add hints
    meant only for the exported page."""
    return os.environ.get(EXPORT_ENV) == "1"
