// The chronology's timeline: a swim lane per agency, a mark per entry, its colour by kind and
// its shape by severity, and a line on each day a risk signal fired. Bundled with Vega at
// set-up (scripts/setup) into static_build/npm/timeline/timeline.js. Vega's expressions run through its interpreter, so
// the page's Content Security Policy needs no 'unsafe-eval'. The table under the picture holds
// the same entries, for anyone who cannot see or use the picture.
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

const SHAPES = { low: "circle", medium: "square", high: "triangle-up" };

function specFor(timeline) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: timeline.description,
    width: "container",
    height: { step: 44 },
    autosize: { type: "fit-x", contains: "padding" },
    layer: [entriesLayer(timeline), ...signalsLayer(timeline)],
    config: {
      font: "GDS Transport, arial, sans-serif",
      axis: { labelFontSize: 14, titleFontSize: 14 },
      legend: { labelFontSize: 14, titleFontSize: 14 },
    },
  };
}

// A risk signal is a dashed red line across every lane on the day it fired.
function signalsLayer(timeline) {
  if (!timeline.signals || timeline.signals.length === 0) return [];
  return [
    {
      data: { values: timeline.signals },
      mark: { type: "rule", color: "#d4351c", strokeDash: [6, 4], strokeWidth: 2 },
      encoding: {
        x: { field: "fired_on", type: "temporal" },
        tooltip: [
          { field: "when", title: "Signal raised" },
          { field: "title", title: "Signal" },
        ],
      },
    },
  ];
}

function entriesLayer(timeline) {
  return {
    data: { values: timeline.entries },
    mark: { type: "point", filled: true, size: 140, opacity: 0.9 },
    encoding: {
      x: {
        field: "occurred_at",
        type: "temporal",
        title: "When it happened",
        axis: { format: "%b %Y", labelOverlap: true },
      },
      y: {
        field: "agency",
        type: "nominal",
        title: null,
        sort: timeline.agencies,
        axis: { labelLimit: 320 },
      },
      color: {
        field: "kind",
        type: "nominal",
        title: "Kind of event",
        legend: { orient: "bottom", columns: 3 },
      },
      shape: {
        field: "severity",
        type: "nominal",
        title: "Prominence",
        scale: { domain: Object.keys(SHAPES), range: Object.values(SHAPES) },
        legend: { orient: "bottom" },
      },
      tooltip: [
        { field: "when", title: "When" },
        { field: "kind", title: "What" },
        { field: "agency", title: "Agency" },
      ],
    },
  };
}

const source = document.getElementById("timeline-data");
const target = document.getElementById("timeline");
if (source && target) {
  const timeline = JSON.parse(source.textContent);
  embed(target, specFor(timeline), {
    actions: false,
    ast: true,
    expr: expressionInterpreter,
    renderer: "svg",
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  }).catch(() => {
    target.textContent = "The timeline could not be drawn. The table below lists every entry.";
  });
}
