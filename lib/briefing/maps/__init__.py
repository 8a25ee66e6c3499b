"""The map: one offline leaflet map with named views, in both lives.

The public face is below; the modules behind it are layered: `data` (views, journey and styles
as plain records) and `basemap` / `derive` / `city` (the offline shapes under the map)
<- `labels` (each label's first side) <- `folium_map` (the leaflet map itself)
<- `views` (the View the notebook shows).
"""

from .views import LIVE_HEIGHT, MapView, build_map, journey, map_view, map_views

__all__ = ["LIVE_HEIGHT", "MapView", "build_map", "journey", "map_view", "map_views"]
