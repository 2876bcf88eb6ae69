// Progressive enhancement of the contact form: without this script the browser's own
// checks still apply; with it, errors are written in French next to each field and listed
// in a summary that takes focus, so screen reader and keyboard users learn what to fix.
const form = document.querySelector("[data-contact-form]");

const RULES = {
  nom: (el) => (el.value.trim() ? "" : "Indiquez votre nom et votre prénom."),
  organisation: (el) => (el.value.trim() ? "" : "Indiquez votre structure ou votre service."),
  fonction: (el) => (el.value.trim() ? "" : "Indiquez votre fonction."),
  courriel: (el) => {
    const value = el.value.trim();
    if (!value) return "Indiquez votre adresse électronique professionnelle.";
    return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value) ? "" : "L’adresse électronique doit avoir la forme prenom.nom@structure.fr.";
  },
  message: (el) => {
    const length = el.value.trim().length;
    if (length === 0) return "Écrivez votre message.";
    return length < 30 ? `Votre message est trop court (${length} caractères)\u202F: décrivez la situation en 30 caractères au moins.` : "";
  },
  consentement: (el) => (el.checked ? "" : "Cochez la case pour indiquer que vous avez pris connaissance de l’usage fait de vos données."),
};

function showError(field, message) {
  const error = document.getElementById(`${field.id}-erreur`);
  const hints = (field.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== error.id);
  error.textContent = message;
  error.hidden = !message;
  field.setAttribute("aria-invalid", message ? "true" : "false");
  field.setAttribute("aria-describedby", (message ? [...hints, error.id] : hints).join(" "));
}

function validate() {
  const problems = [];
  for (const [name, rule] of Object.entries(RULES)) {
    const field = form.elements.namedItem(name);
    const message = rule(field);
    showError(field, message);
    if (message) problems.push({ field, message });
  }
  return problems;
}

function showSummary(problems) {
  const summary = document.getElementById("erreurs-formulaire");
  const list = summary.querySelector("ul");
  list.replaceChildren(
    ...problems.map(({ field, message }) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${field.id}`;
      link.textContent = message;
      item.append(link);
      return item;
    }),
  );
  summary.hidden = problems.length === 0;
  if (problems.length) summary.focus();
}

if (form) {
  form.noValidate = true;
  form.addEventListener("submit", (event) => {
    const problems = validate();
    if (problems.length) {
      event.preventDefault();
      showSummary(problems);
    }
  });
  for (const name of Object.keys(RULES)) {
    const field = form.elements.namedItem(name);
    // Re-check a field once it has been flagged, so the message disappears when fixed.
    field.addEventListener("change", () => {
      if (field.getAttribute("aria-invalid") === "true") showError(field, RULES[name](field));
    });
  }
}
