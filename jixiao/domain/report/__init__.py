"""The report as a document (``document``), its outline numbering (``outline``) and chart data
(``chart_data``). Renderers live in ``jixiao.formats``."""
