"""The director's dashboard: figures from every module, per week, month or year, as charts
(server-rendered SVG), accessible tables and CSV/XLSX downloads (docs/decisions/024)."""
