"""The charts: the relationship network and the timeline, in both lives.

The public face is the four functions below; the modules behind them are layered:
`style` (what both charts share: sides, tie groups, theme, plot-safe text) <- `network_layout`
<- `network`, `timeline` (figures as plain JSON) <- `views` (the View objects the notebook shows).
"""

from .network import network_figure, relationship_network
from .timeline import timeline, timeline_figure
from .views import network_view, timeline_view

__all__ = [
    "network_figure",
    "network_view",
    "relationship_network",
    "timeline",
    "timeline_figure",
    "timeline_view",
]
