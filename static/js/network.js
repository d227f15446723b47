// Draws the collaboration network with vis-network (static/vendor/vis-network). The page
// holds no data and no inline script: the graph comes as JSON from the URL in data-url, and
// every name is set as text (tooltips are elements filled with textContent), never as HTML.
(function () {
  "use strict";
  const container = document.getElementById("network-view");
  if (!container || typeof vis === "undefined") {
    return;
  }
  const colours = JSON.parse(container.dataset.colors || "{}");
  const other = container.dataset.other || "#999999";
  const status = document.getElementById("network-search-result");
  const search = document.getElementById("network-search");

  function tooltip(text) {
    const element = document.createElement("div");
    element.className = "network-tooltip";
    element.textContent = text;
    return element;
  }

  function draw(data) {
    const nodes = new vis.DataSet(data.nodes.map((node) => {
      const colour = colours[node.group] || other;
      const item = {
        id: node.id, label: node.label, value: node.value, title: tooltip(node.title),
        color: { background: colour, border: colour,
                 highlight: { background: colour, border: "#212529" } },
      };
      if (!data.physics) {
        item.x = node.x;
        item.y = node.y;
      }
      return item;
    }));
    const edges = new vis.DataSet(data.edges.map((edge, index) => ({
      id: index, from: edge.from, to: edge.to, value: edge.value,
    })));
    const options = {
      nodes: { shape: "dot", scaling: { min: 6, max: 36, label: { enabled: true, min: 10, max: 22 } },
               font: { size: 12 } },
      edges: { color: { color: "#adb5bd", highlight: "#495057" }, scaling: { min: 1, max: 6 },
               smooth: false, arrows: { to: { enabled: Boolean(data.directed) } } },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.nodes.length > 500 },
      physics: data.physics
        ? { solver: "forceAtlas2Based", stabilization: { iterations: 200 } }
        : false,
      layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 150 },
    };
    const network = new vis.Network(container, { nodes, edges }, options);
    if (data.physics) {
      network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
    }
    container.dataset.ready = "true";
    container.dataset.nodes = String(data.nodes.length);
    if (search) {
      const find = () => {
        const wanted = search.value.trim().toLowerCase();
        if (!wanted) {
          network.unselectAll();
          status.textContent = "";
          return;
        }
        const hits = data.nodes.filter((node) => String(node.label).toLowerCase().includes(wanted));
        if (!hits.length) {
          network.unselectAll();
          status.textContent = container.dataset.notFound;
          return;
        }
        network.selectNodes(hits.map((node) => node.id));
        network.focus(hits[0].id, { scale: 1.2, animation: false });
        status.textContent = `${container.dataset.found} ${hits.slice(0, 5).map((n) => n.label).join(", ")}`;
      };
      search.addEventListener("change", find);
      search.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          find();
        }
      });
    }
  }

  fetch(container.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      return response.json();
    })
    .then(draw)
    .catch((error) => {
      container.textContent = String(error);
    });
}());
