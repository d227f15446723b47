"""Collaboration-network analysis. No Flask and no database session here: functions take
plain records (dataclasses) or files and return networkx graphs and plain results, so they
run and are tested without an app.

records.py   plain records (organisations, patents, licences, agreements, memberships) and
             the filter (alliance, years, sectors, edge types, minimum weight)
build.py     records -> multi-type nx.MultiDiGraph; its projection to a weighted undirected
             nx.Graph for measures; the directed licence graph; ego networks; the real
             co-applicant CSV files
engine.py    python-igraph behind networkx for the heavy measures (same definitions)
metrics.py   whole-network figures, sector mixing, Triple Helix synergy, communities
brokerage.py Gould–Fernandez brokerage roles by sector
panel.py     every node measure and the whole-network figures as plain dicts
recommend.py partner suggestions with translatable reasons
export.py    GraphML, GEXF, CSV and JSON as bytes
render.py    vis-network view data (server-side layout for big graphs, top-k cut)
"""
