// Sightline's scripts: GOV.UK Frontend's components, and the body map figures.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// Each drawn region is a checkbox that ticks the real checkbox below the figures, so the
// form itself never depends on the drawing.
function connectBodyMap(map) {
  const figures = map.querySelector("[data-body-map-figures]");
  const shapes = Array.from(map.querySelectorAll("[data-checkbox]"));
  const boxFor = (shape) => document.getElementById(shape.dataset.checkbox);
  const show = () => {
    shapes.forEach((shape) => {
      shape.setAttribute("aria-checked", boxFor(shape).checked ? "true" : "false");
    });
  };
  const toggle = (shape) => {
    // A click on the real checkbox also lets GOV.UK Frontend reveal the mark's questions.
    boxFor(shape).click();
    show();
  };
  shapes.forEach((shape) => {
    shape.addEventListener("click", () => toggle(shape));
    shape.addEventListener("keydown", (event) => {
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        toggle(shape);
      }
    });
  });
  map.addEventListener("change", show);
  show();
  figures.hidden = false;
}

// Radios that reveal a follow-up question. GOV.UK Frontend's own version marks each radio
// aria-expanded, which ARIA does not allow on a radio; this one shows and hides the follow-up
// (linked by aria-controls) and leaves the radio's checked state to speak for itself.
function connectReveals(group) {
  const radios = Array.from(group.querySelectorAll("input[type='radio']"));
  const show = () => {
    radios.forEach((radio) => {
      const id = radio.getAttribute("aria-controls");
      const follow = id && document.getElementById(id);
      if (follow) {
        follow.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
      }
    });
  };
  group.addEventListener("change", show);
  show();
}

document.querySelectorAll("[data-body-map]").forEach(connectBodyMap);
document.querySelectorAll("[data-sl-reveals]").forEach(connectReveals);
